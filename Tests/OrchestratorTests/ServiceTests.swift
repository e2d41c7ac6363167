import Foundation
import Testing
@testable import Orchestrator

@Suite struct ServiceTests {
    @Test func createReachesSteadyState() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2)
        let td = try await h.taskDefinition()
        let s = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 3)).service
        #expect(s.serviceArn == "arn:aws:ecs:local:000000000000:service/default/web")
        #expect(s.status == "ACTIVE")
        #expect(s.runningCount == 3 && s.pendingCount == 0 && s.desiredCount == 3)
        #expect(s.deployments.count == 1)
        let d = s.deployments[0]
        #expect(d.status == "PRIMARY" && d.rolloutState == "COMPLETED" && d.taskDefinition == td && d.runningCount == 3)
        #expect(d.id.hasPrefix("ecs-svc/"))
        #expect(s.events.first?.message == "(service web) has reached a steady state.")
        #expect(s.events.contains { $0.message.hasPrefix("(service web) has started 3 tasks: (task ") })
        #expect(s.events.contains { $0.message == "(service web) (deployment \(d.id)) deployment completed." })
        #expect(s.deploymentConfiguration?.minimumHealthyPercent == 100 && s.deploymentConfiguration?.maximumPercent == 200)
        let tasks = try await h.tasks(service: "web")
        #expect(tasks.count == 3)
        #expect(tasks.allSatisfy { $0.startedBy == d.id && $0.group == "service:web" && $0.lastStatus == "RUNNING" })
        #expect(try await h.o.listServices(.init()).serviceArns == [s.serviceArn])
    }

    @Test func scaleAndReplace() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 2))
        var s = try await h.o.updateService(.init(service: "web", desiredCount: 5)).service
        #expect(s.runningCount == 5)
        s = try await h.o.updateService(.init(service: "web", desiredCount: 1)).service
        #expect(s.runningCount == 1)
        let stopped = try await h.tasks(service: "web", desired: "STOPPED")
        #expect(stopped.count == 4)
        #expect(stopped.allSatisfy { $0.stopCode == "ServiceSchedulerInitiated" && $0.stoppedReason?.hasPrefix("Scaling activity initiated by (deployment ecs-svc/") == true })
        #expect(s.events.first?.message == "(service web) has reached a steady state.")
        #expect(s.events.contains { $0.message.hasPrefix("(service web) has stopped 4 running tasks: (task ") })
        // A task stopped by hand is replaced.
        let before = try await h.tasks(service: "web")
        _ = try await h.o.stopTask(.init(task: before[0].taskArn))
        let after = try await h.tasks(service: "web")
        #expect(after.count == 1)
        #expect(after[0].taskArn != before[0].taskArn)
        #expect(after[0].lastStatus == "RUNNING")
    }

    @Test func taskThatExitsIsReplaced() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition(image: "flaky")
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        let first = try await h.tasks(service: "web")[0]
        h.driver.fault("flaky", .exit(1))
        try await h.o.reconcileAll()
        h.driver.fault("flaky", nil)
        try await h.o.reconcileAll()
        let now = try await h.tasks(service: "web")
        #expect(now.count == 1)
        #expect(now[0].taskArn != first.taskArn)
        let old = try await h.o.describeTasks(.init(tasks: [first.taskArn])).tasks[0]
        #expect(old.stopCode == "EssentialContainerExited")
        #expect(old.containers[0].exitCode == 1)
    }

    @Test func unhealthyTaskIsReplaced() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition(image: "sick")
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        let first = try await h.tasks(service: "web")[0]
        h.driver.fault("sick", .unhealthy)
        try await h.o.reconcileAll()
        h.driver.fault("sick", nil)
        try await h.o.reconcileAll()
        let old = try await h.o.describeTasks(.init(tasks: [first.taskArn])).tasks[0]
        #expect(old.lastStatus == "STOPPED")
        #expect(old.healthStatus == "UNHEALTHY")
        #expect(old.stoppedReason == "Task failed container health checks")
        #expect(try await h.tasks(service: "web").map(\.lastStatus) == ["RUNNING"])
    }

    @Test func rollingDeployment() async throws {
        let h = try Harness()
        try await h.cluster(instances: 3)
        let v1 = try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 4))
        let v2 = try await h.taskDefinition(image: "nginx:2")
        let s = try await h.o.updateService(.init(service: "web", taskDefinition: "web")).service
        #expect(s.taskDefinition == v2)
        #expect(s.deployments.count == 1)
        #expect(s.deployments[0].taskDefinition == v2 && s.deployments[0].rolloutState == "COMPLETED")
        let tasks = try await h.tasks(service: "web")
        #expect(tasks.count == 4 && tasks.allSatisfy { $0.taskDefinitionArn == v2 && $0.startedBy == s.deployments[0].id })
        let old = try await h.tasks(service: "web", desired: "STOPPED")
        #expect(old.count == 4 && old.allSatisfy { $0.taskDefinitionArn == v1 })
        #expect(s.events.first?.message == "(service web) has reached a steady state.")
        // forceNewDeployment replaces tasks with the same definition.
        let forced = try await h.o.updateService(.init(service: "web", forceNewDeployment: true)).service
        #expect(forced.deployments.count == 1 && forced.deployments[0].id != s.deployments[0].id)
        #expect(try await h.tasks(service: "web").allSatisfy { $0.startedBy == forced.deployments[0].id })
    }

    @Test func rollingDeploymentWithinTightCapacity() async throws {
        // Room for exactly 4 tasks: maximumPercent 100 / minimumHealthyPercent 50 must still converge.
        let h = try Harness()
        try await h.cluster(instances: 2, cpu: 512, memory: 1024)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 4,
                                              deploymentConfiguration: .init(maximumPercent: 100, minimumHealthyPercent: 50)))
        let v2 = try await h.taskDefinition(image: "nginx:2")
        let s = try await h.o.updateService(.init(service: "web", taskDefinition: v2)).service
        #expect(s.runningCount == 4)
        #expect(s.deployments.map(\.rolloutState) == ["COMPLETED"])
        #expect(try await h.tasks(service: "web").allSatisfy { $0.taskDefinitionArn == v2 })
    }

    @Test func circuitBreakerRollsBack() async throws {
        let h = try Harness()
        try await h.cluster(instances: 4)
        let v1 = try await h.taskDefinition()
        let created = try await h.o.createService(.init(
            serviceName: "web", taskDefinition: "web", desiredCount: 4,
            deploymentConfiguration: .init(deploymentCircuitBreaker: .init(enable: true, rollback: true)))).service
        let good = created.deployments[0].id
        try await h.taskDefinition(image: "broken")
        h.driver.fault("broken", .failToStart)
        let s = try await h.o.updateService(.init(service: "web", taskDefinition: "web:2")).service
        #expect(s.taskDefinition == v1)
        #expect(s.deployments.count == 1)
        #expect(s.deployments[0].id == good)
        #expect(s.deployments[0].rolloutState == "COMPLETED")
        #expect(s.runningCount == 4)
        let messages = s.events.map(\.message)
        #expect(messages.contains { $0.hasPrefix("(service web) (deployment ecs-svc/") && $0.hasSuffix(") deployment failed: tasks failed to start.") })
        #expect(messages.contains("(service web) rolling back to deployment \(good)."))
        #expect(messages.first == "(service web) has reached a steady state.")
        let failed = try await h.tasks(service: "web", desired: "STOPPED")
        #expect(failed.count >= ServiceReconciler.failureThreshold(desired: 4))
        #expect(failed.allSatisfy { $0.stopCode == "TaskFailedToStart" })
        #expect(try await h.tasks(service: "web").allSatisfy { $0.taskDefinitionArn == v1 })
    }

    @Test func circuitBreakerWithoutRollbackStopsTheDeployment() async throws {
        let h = try Harness()
        try await h.cluster(instances: 4)
        let v1 = try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 2,
                                              deploymentConfiguration: .init(deploymentCircuitBreaker: .init(enable: true, rollback: false))))
        try await h.taskDefinition(image: "broken")
        h.driver.fault("broken", .failToStart)
        let s = try await h.o.updateService(.init(service: "web", taskDefinition: "web:2")).service
        let primary = try #require(s.deployments.first { $0.status == "PRIMARY" })
        #expect(primary.rolloutState == "FAILED")
        #expect(primary.rolloutStateReason == "ECS deployment circuit breaker: tasks failed to start.")
        #expect(primary.failedTasks >= 3)
        // The old tasks keep serving; no more launches are attempted.
        #expect(try await h.tasks(service: "web").allSatisfy { $0.taskDefinitionArn == v1 })
        let attempts = h.driver.launchedSpecs.count
        try await h.o.reconcileAll()
        #expect(h.driver.launchedSpecs.count == attempts)
    }

    @Test func failuresWithoutBreakerAreBounded() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition(image: "broken")
        h.driver.fault("broken", .failToStart)
        let s = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 2)).service
        #expect(s.runningCount == 0)
        #expect(s.deployments[0].rolloutState == "IN_PROGRESS")
        #expect(s.deployments[0].failedTasks > 0)
        #expect(h.driver.launchedSpecs.count <= 10)
    }

    @Test func unableToPlaceIsExplained() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1, cpu: 1024, memory: 1024)
        try await h.taskDefinition(memory: 400)
        let s = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 3)).service
        #expect(s.runningCount == 2)
        let msg = try #require(s.events.first { $0.message.contains("was unable to place a task") }).message
        #expect(msg.hasPrefix("(service web) was unable to place a task because no container instance met all of its requirements."))
        #expect(msg.contains("insufficient memory available"))
        #expect(s.events.filter { $0.message == msg }.count == 1)
        // With no instances at all.
        try await h.cluster("empty")
        let e = try await h.o.createService(.init(cluster: "empty", serviceName: "web", taskDefinition: "web", desiredCount: 1)).service
        #expect(e.events.first?.message.contains("No Container Instances were found in your cluster") == true)
    }

    @Test func drainingMovesTasks() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 2)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 2,
                                              placementStrategy: [PlacementStrategy(type: "spread", field: "instanceId")]))
        #expect(Set(try await h.tasks(service: "web").compactMap(\.containerInstanceArn)) == Set(arns))
        _ = try await h.o.updateContainerInstancesState(.init(containerInstances: [arns[0]], status: "DRAINING"))
        let tasks = try await h.tasks(service: "web")
        #expect(tasks.count == 2)
        #expect(tasks.allSatisfy { $0.containerInstanceArn == arns[1] && $0.lastStatus == "RUNNING" })
        let moved = try await h.tasks(service: "web", desired: "STOPPED")
        #expect(moved.count == 1 && moved[0].containerInstanceArn == arns[0])
        #expect(moved[0].stoppedReason == ServiceReconciler.drainingReason)
        let s = try await h.service("web")
        #expect(s.runningCount == 2)
    }

    @Test func daemonRunsOnePerInstance() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 3, attributes: [[Attribute(name: "role", value: "edge")], [Attribute(name: "role", value: "edge")], []])
        try await h.taskDefinition("agent")
        var s = try await h.o.createService(.init(serviceName: "agent", taskDefinition: "agent", schedulingStrategy: "DAEMON")).service
        #expect(s.desiredCount == 3 && s.runningCount == 3)
        #expect(Set(try await h.tasks(service: "agent").compactMap(\.containerInstanceArn)) == Set(arns))
        #expect(s.deploymentConfiguration?.minimumHealthyPercent == 0 && s.deploymentConfiguration?.maximumPercent == 100)
        let extra = try await h.o.registerContainerInstance(.init(totalResources: nil)).containerInstance
        s = try await h.service("agent")
        #expect(s.runningCount == 4)
        #expect(try await h.tasks(service: "agent").contains { $0.containerInstanceArn == extra.containerInstanceArn })
        _ = try await h.o.updateContainerInstancesState(.init(containerInstances: [arns[0]], status: "DRAINING"))
        s = try await h.service("agent")
        #expect(s.runningCount == 3 && s.desiredCount == 3)
        #expect(!(try await h.tasks(service: "agent")).contains { $0.containerInstanceArn == arns[0] })
        // A new revision rolls out instance by instance.
        let v2 = try await h.taskDefinition("agent", image: "agent:2")
        s = try await h.o.updateService(.init(service: "agent", taskDefinition: v2)).service
        #expect(s.runningCount == 3 && s.deployments.count == 1)
        #expect(try await h.tasks(service: "agent").allSatisfy { $0.taskDefinitionArn == v2 })
        // memberOf restricts the instances.
        try await h.taskDefinition("edge")
        let e = try await h.o.createService(.init(serviceName: "edge", taskDefinition: "edge",
                                                  placementConstraints: [PlacementConstraint(type: "memberOf", expression: "attribute:role == edge")],
                                                  schedulingStrategy: "DAEMON")).service
        #expect(e.runningCount == 1)   // arns[0] is draining; arns[1] is the only other edge instance
        await expectError("InvalidParameterException") { _ = try await h.o.updateService(.init(service: "agent", desiredCount: 2)) }
        await expectError("InvalidParameterException") {
            _ = try await h.o.createService(.init(serviceName: "d2", taskDefinition: "agent", launchType: "FARGATE", schedulingStrategy: "DAEMON"))
        }
    }

    @Test func deleteAndErrors() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition()
        await expectError("ClusterNotFoundException") { _ = try await h.o.createService(.init(cluster: "x", serviceName: "web", taskDefinition: "web", desiredCount: 1)) }
        await expectError("InvalidParameterException") { _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: -1)) }
        await expectError("InvalidParameterException") { _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web")) }
        await expectError("InvalidParameterException") { _ = try await h.o.createService(.init(serviceName: "bad name", taskDefinition: "web", desiredCount: 1)) }
        await expectError("InvalidParameterException") {
            _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1,
                                                  deploymentConfiguration: .init(maximumPercent: 200, minimumHealthyPercent: 150)))
        }
        await expectError("InvalidParameterException") {
            _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1,
                                                  placementStrategy: [PlacementStrategy(type: "binpack", field: "disk")]))
        }
        await expectError("ClientException") { _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "nope", desiredCount: 1)) }
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        await expectError("InvalidParameterException") { _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1)) }
        await expectError("InvalidParameterException") { _ = try await h.o.updateService(.init(service: "web", desiredCount: -2)) }
        await expectError("ServiceNotFoundException") { _ = try await h.o.updateService(.init(service: "ghost", desiredCount: 1)) }
        await expectError("InvalidParameterException") { _ = try await h.o.deleteService(.init(service: "web")) }
        _ = try await h.o.deregisterTaskDefinition(.init(taskDefinition: "web:1"))
        await expectError("ClientException") { _ = try await h.o.updateService(.init(service: "web", taskDefinition: "web:1")) }
        let d = try await h.o.deleteService(.init(service: "web", force: true)).service
        #expect(d.status == "INACTIVE")
        #expect(d.runningCount == 0)
        #expect(try await h.tasks(service: "web").isEmpty)
        #expect(try await h.o.listServices(.init()).serviceArns.isEmpty)
        await expectError("ServiceNotActiveException") { _ = try await h.o.updateService(.init(service: "web", desiredCount: 1)) }
        await expectError("ServiceNotActiveException") { _ = try await h.o.deleteService(.init(service: "web")) }
        let described = try await h.o.describeServices(.init(services: ["web", "ghost"]))
        #expect(described.services.map(\.status) == ["INACTIVE"])
        #expect(described.failures.map(\.reason) == ["MISSING"])
        // The name can be used again.
        try await h.taskDefinition()
        #expect(try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1)).service.runningCount == 1)
    }

    @Test func fargateService() async throws {
        let h = try Harness()
        try await h.cluster()
        let c = ContainerDefinition(name: "app", image: "nginx", cpu: nil, memory: nil, memoryReservation: nil, essential: nil,
                                    portMappings: nil, command: nil, entryPoint: nil, environment: nil, secrets: nil, healthCheck: nil,
                                    workingDirectory: nil, dockerLabels: nil, links: nil)
        _ = try await h.o.registerTaskDefinition(.init(family: "f", containerDefinitions: [c], networkMode: "awsvpc",
                                                       requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512"))
        let s = try await h.o.createService(.init(serviceName: "f", taskDefinition: "f", desiredCount: 3, launchType: "FARGATE")).service
        #expect(s.runningCount == 3)
        #expect(try await h.tasks(service: "f").allSatisfy { $0.launchType == "FARGATE" && $0.cpu == "256" && $0.memory == "512" })
        try await h.taskDefinition("ec2only")
        await expectError("InvalidParameterException") {
            _ = try await h.o.createService(.init(serviceName: "g", taskDefinition: "ec2only", desiredCount: 1, launchType: "FARGATE"))
        }
    }
}
