import Foundation
import Testing
@testable import Orchestrator

/// The orchestrator over the real `SimulatedRuntime` (not the test driver).
@Suite struct SimulatedRuntimeIntegrationTests {
    func setUp() async throws -> (Orchestrator, SimulatedRuntime) {
        let runtime = try SimulatedRuntime(path: nil)
        let o = try Orchestrator.inMemory(principal: "t", runtime: runtime)
        _ = try await o.createCluster(.init())
        _ = try await o.registerContainerInstance(.init())
        return (o, runtime)
    }

    func register(_ o: Orchestrator, image: String, hostPort: Int? = nil) async throws {
        let c = ContainerDefinition(name: "app", image: image, cpu: 10, memory: 64, memoryReservation: nil, essential: true,
                                    portMappings: [PortMapping(containerPort: 80, hostPort: hostPort, protocol: "tcp", name: nil)],
                                    command: ["serve"], entryPoint: nil, environment: [KeyValuePair(name: "A", value: "1")], secrets: nil,
                                    healthCheck: nil, workingDirectory: nil, dockerLabels: nil, links: nil)
        _ = try await o.registerTaskDefinition(.init(family: "web", containerDefinitions: [c]))
    }

    @Test func containersAreCreatedLabelledAndRemoved() async throws {
        let (o, runtime) = try await setUp()
        try await register(o, image: "nginx", hostPort: 8080)
        let t = try await o.runTask(.init(taskDefinition: "web")).tasks[0]
        let id = try #require(t.containers[0].runtimeId)
        let info = try await runtime.inspect(id)
        #expect(info.state == .running)
        #expect(info.name == "ecs-\(ARN.lastComponent(t.taskArn))-app")
        #expect(info.labels["com.amazonaws.ecs.task-arn"] == t.taskArn)
        #expect(info.portBindings == [ContainerSpec.PortBinding(containerPort: 80, hostPort: 8080)])
        #expect(try await runtime.list(labels: ["com.amazonaws.ecs.cluster": ARN.cluster("default")]).count == 1)
        _ = try await o.stopTask(.init(task: t.taskArn))
        #expect(try await runtime.list(labels: [:]).isEmpty)
    }

    @Test func faultRulesDriveTheCircuitBreaker() async throws {
        let (o, runtime) = try await setUp()
        try await register(o, image: "nginx")
        _ = try await o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1,
                                            deploymentConfiguration: .init(deploymentCircuitBreaker: .init(enable: true, rollback: true))))
        try await register(o, image: "bad")
        _ = try await runtime.addFaultRule(FaultRule(image: "bad", mode: .failToStart(reason: "no such image")))
        let s = try await o.updateService(.init(service: "web", taskDefinition: "web:2")).service
        #expect(s.taskDefinition.hasSuffix("web:1"))
        #expect(s.runningCount == 1)
        let stopped = try await o.describeTasks(.init(tasks: try await o.listTasks(.init(desiredStatus: "STOPPED")).taskArns)).tasks
        #expect(stopped.count >= 3)
        #expect(stopped.allSatisfy { $0.stopCode == "TaskFailedToStart" && $0.stoppedReason?.hasPrefix("CannotPullContainerError") == true })
    }

    @Test func exitedAndUnhealthyContainersAreReplaced() async throws {
        let (o, runtime) = try await setUp()
        try await register(o, image: "nginx")
        _ = try await o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        let first = try await o.describeTasks(.init(tasks: try await o.listTasks(.init()).taskArns)).tasks[0]
        try await runtime.forceExit(try #require(first.containers[0].runtimeId), code: 2)
        try await o.reconcileAll()
        let old = try await o.describeTasks(.init(tasks: [first.taskArn])).tasks[0]
        #expect(old.stopCode == "EssentialContainerExited" && old.containers[0].exitCode == 2)
        let second = try await o.describeTasks(.init(tasks: try await o.listTasks(.init()).taskArns)).tasks[0]
        #expect(second.lastStatus == "RUNNING" && second.taskArn != first.taskArn)
        try await runtime.setHealth(try #require(second.containers[0].runtimeId), .unhealthy)
        try await o.reconcileAll()
        #expect(try await o.describeTasks(.init(tasks: [second.taskArn])).tasks[0].stoppedReason == "Task failed container health checks")
        #expect(try await o.service("web").runningCount == 1)
    }
}

extension Orchestrator {
    func service(_ name: String) async throws -> Service {
        try await describeServices(.init(services: [name])).services[0]
    }
}

extension SimulatedRuntimeIntegrationTests {
    /// A controller killed between claiming a task and recording its containers leaves it
    /// PENDING: once the claim is stale, the next reconcile takes it over and adopts the
    /// container the dead one had already created, instead of starting a duplicate.
    @Test func staleClaimsAreTakenOverAndContainersAdopted() async throws {
        let (o, runtime) = try await setUp()
        try await register(o, image: "nginx")
        let t = try await o.runTask(.init(taskDefinition: "web")).tasks[0]
        let id = try #require(t.containers[0].runtimeId)
        // Rewind: the task as a dead controller left it, claimed two minutes ago.
        try await o.store.write { db in
            guard var stale = try ECSTask.fetchOne(db, key: t.taskArn) else { return }
            stale.lastStatus = "PENDING"
            stale.pullStartedAt = Date().addingTimeInterval(-120)
            for i in stale.containers.indices { stale.containers[i].runtimeId = nil; stale.containers[i].lastStatus = "PENDING" }
            try stale.save(db)
        }
        try await o.reconcileAll()
        let after = try await o.describeTasks(.init(tasks: [t.taskArn])).tasks[0]
        #expect(after.lastStatus == "RUNNING")
        #expect(after.containers[0].runtimeId == id)
        #expect(try await runtime.list(labels: ["com.amazonaws.ecs.task-arn": t.taskArn]).count == 1)
        // A fresh claim (another controller at work) is left alone.
        try await o.store.write { db in
            guard var busy = try ECSTask.fetchOne(db, key: t.taskArn) else { return }
            busy.lastStatus = "PENDING"
            busy.pullStartedAt = Date()
            try busy.save(db)
        }
        try await o.reconcileAll()
        #expect(try await o.describeTasks(.init(tasks: [t.taskArn])).tasks[0].lastStatus == "PENDING")
    }
}

extension SimulatedRuntimeIntegrationTests {
    /// A container already unhealthy when it starts is seen by the launch itself: the
    /// create's converge replaces the task before it calls the service steady.
    @Test func containerUnhealthyAtStartIsReplacedByTheCreate() async throws {
        let (o, runtime) = try await setUp()
        try await register(o, image: "nginx")
        _ = try await runtime.addFaultRule(FaultRule(image: "nginx", mode: .becomeUnhealthy, times: 1))
        let s = try await o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1)).service
        #expect(s.runningCount == 1)
        let stopped = try await o.describeTasks(.init(tasks: try await o.listTasks(.init(desiredStatus: "STOPPED")).taskArns)).tasks
        #expect(stopped.count == 1)
        #expect(stopped.first?.stoppedReason == "Task failed container health checks")
        #expect(stopped.first?.healthStatus == "UNHEALTHY")
        let running = try await o.describeTasks(.init(tasks: try await o.listTasks(.init()).taskArns)).tasks
        #expect(running.count == 1 && running[0].lastStatus == "RUNNING" && running[0].healthStatus == "HEALTHY")
        #expect(s.events.first?.message == "(service web) has reached a steady state.")
    }
}
