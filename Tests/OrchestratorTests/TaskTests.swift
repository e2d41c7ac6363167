import Foundation
import Testing
@testable import Orchestrator

@Suite struct TaskTests {
    @Test func runTaskLifecycle() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 1)
        let td = try await h.taskDefinition()
        let r = try await h.o.runTask(.init(taskDefinition: "web", count: 2, startedBy: "me", tags: [Tag(key: "k", value: "v")]))
        #expect(r.failures.isEmpty)
        #expect(r.tasks.count == 2)
        for t in r.tasks {
            #expect(t.lastStatus == "RUNNING")
            #expect(t.desiredStatus == "RUNNING")
            #expect(t.taskDefinitionArn == td)
            #expect(t.containerInstanceArn == arns[0])
            #expect(t.group == "family:web")
            #expect(t.startedBy == "me")
            #expect(t.launchType == "EC2")
            #expect(t.cpu == "256" && t.memory == "512")
            #expect(t.containers.map(\.lastStatus) == ["RUNNING"])
            #expect(t.containers[0].runtimeId != nil)
            #expect(t.startedAt != nil)
        }
        #expect(h.driver.launchedSpecs.count == 2)
        #expect(h.driver.launchedSpecs[0].containers[0].environment["MODE"] == "test")
        #expect(h.driver.launchedSpecs[0].containers[0].labels["com.amazonaws.ecs.task-arn"] == r.tasks[0].taskArn)
        #expect(Set(try await h.o.listTasks(.init()).taskArns) == Set(r.tasks.map(\.taskArn)))
        #expect(try await h.o.listTasks(.init(startedBy: "nobody")).taskArns.isEmpty)
        #expect(try await h.o.listTasks(.init(family: "web")).taskArns.count == 2)
        #expect(try await h.o.listTasks(.init(containerInstance: arns[0])).taskArns.count == 2)
        let stopped = try await h.o.stopTask(.init(task: ARN.lastComponent(r.tasks[0].taskArn), reason: "done")).task
        #expect(stopped.lastStatus == "STOPPED")
        #expect(stopped.desiredStatus == "STOPPED")
        #expect(stopped.stopCode == "UserInitiated")
        #expect(stopped.stoppedReason == "done")
        #expect(stopped.containers[0].exitCode == 0)
        #expect(stopped.stoppedAt != nil)
        #expect(try await h.o.listTasks(.init(desiredStatus: "STOPPED")).taskArns == [stopped.taskArn])
        let d = try await h.o.describeTasks(.init(tasks: [stopped.taskArn, "0000"], include: ["TAGS"]))
        #expect(d.tasks.count == 1 && d.tasks[0].tags == [Tag(key: "k", value: "v")])
        #expect(d.failures.map(\.reason) == ["MISSING"])
    }

    @Test func runTaskErrors() async throws {
        let h = try Harness()
        await expectError("ClusterNotFoundException") { _ = try await h.o.runTask(.init(taskDefinition: "web")) }
        try await h.cluster()
        try await h.taskDefinition()
        await expectError("InvalidParameterException") { _ = try await h.o.runTask(.init(taskDefinition: "web")) }
        try await h.cluster(instances: 1)
        await expectError("InvalidParameterException") { _ = try await h.o.runTask(.init(taskDefinition: "web", count: 11)) }
        await expectError("InvalidParameterException") { _ = try await h.o.runTask(.init(taskDefinition: "web", count: 0)) }
        await expectError("InvalidParameterException") { _ = try await h.o.runTask(.init(taskDefinition: "web", launchType: "MOON")) }
        await expectError("InvalidParameterException") { _ = try await h.o.runTask(.init(taskDefinition: "web", launchType: "FARGATE")) }
        await expectError("ClientException") { _ = try await h.o.runTask(.init(taskDefinition: "nope")) }
        _ = try await h.o.deregisterTaskDefinition(.init(taskDefinition: "web:1"))
        await expectError("ClientException") { _ = try await h.o.runTask(.init(taskDefinition: "web:1")) }
        await expectError("InvalidParameterException") { _ = try await h.o.stopTask(.init(task: "feedface")) }
        await expectError("InvalidParameterException") { _ = try await h.o.describeTasks(.init(tasks: [])) }
        await expectError("InvalidParameterException") { _ = try await h.o.listTasks(.init(desiredStatus: "DONE")) }
        await expectError("ServiceNotFoundException") { _ = try await h.o.listTasks(.init(serviceName: "ghost")) }
    }

    @Test func insufficientResourcesAreReported() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2, cpu: 1024, memory: 1024)
        try await h.taskDefinition(cpu: 128, memory: 600)
        let r = try await h.o.runTask(.init(taskDefinition: "web", count: 3))
        #expect(r.tasks.count == 2)
        #expect(r.failures.map(\.reason) == ["RESOURCE:MEMORY"])
    }

    @Test func fargateTasksGetTheirOwnCapacity() async throws {
        let h = try Harness()
        try await h.cluster()
        let c = ContainerDefinition(name: "app", image: "nginx", cpu: nil, memory: nil, memoryReservation: nil, essential: nil,
                                    portMappings: nil, command: nil, entryPoint: nil, environment: nil, secrets: nil, healthCheck: nil,
                                    workingDirectory: nil, dockerLabels: nil, links: nil)
        _ = try await h.o.registerTaskDefinition(.init(family: "f", containerDefinitions: [c], networkMode: "awsvpc",
                                                       requiresCompatibilities: ["FARGATE"], cpu: "512", memory: "1024"))
        let r = try await h.o.runTask(.init(taskDefinition: "f", count: 3, launchType: "FARGATE"))
        #expect(r.tasks.count == 3)
        #expect(r.tasks.allSatisfy { $0.launchType == "FARGATE" && $0.containerInstanceArn == nil && $0.cpu == "512" && $0.memory == "1024" && $0.lastStatus == "RUNNING" })
    }

    @Test func failedStartAndExitCodes() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition("bad", image: "broken")
        try await h.taskDefinition("quits", image: "quitter")
        h.driver.fault("broken", .failToStart)
        h.driver.fault("quitter", .exit(3))
        let bad = try await h.o.runTask(.init(taskDefinition: "bad")).tasks[0]
        #expect(bad.lastStatus == "STOPPED")
        #expect(bad.stopCode == "TaskFailedToStart")
        #expect(bad.stoppedReason?.contains("CannotStartContainerError") == true)
        let quits = try await h.o.runTask(.init(taskDefinition: "quits")).tasks[0]
        #expect(quits.lastStatus == "STOPPED")
        #expect(quits.stopCode == "EssentialContainerExited")
        #expect(quits.stoppedReason == "Essential container in task exited")
        #expect(quits.containers[0].exitCode == 3)
        // Resources were given back.
        let ci = try await h.o.describeContainerInstances(.init(containerInstances: try await h.o.listContainerInstances(.init()).containerInstanceArns)).containerInstances[0]
        #expect(ci.integer("MEMORY") == 2048)
    }
}

extension TaskTests {
    @Test func bulkRunTasksPlacesAndRecords() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 3, cpu: 1024, memory: 1024)
        try await h.taskDefinition(cpu: 10, memory: 100)
        let r = try await h.o.bulkRunTasks(.init(taskDefinition: "web", count: 40, placementStrategy: [PlacementStrategy(type: "binpack", field: "memory")], launch: false))
        #expect(r.placed == 30 && r.unplaced == 10)
        #expect(r.failure?.reason == "RESOURCE:MEMORY")
        let all = try await h.tasks()
        #expect(all.count == 30 && all.allSatisfy { $0.lastStatus == "PROVISIONING" })
        let cis = try await h.o.describeContainerInstances(.init(containerInstances: arns)).containerInstances
        #expect(cis.map { $0.integer("MEMORY") } == [24, 24, 24])
        try await h.o.reconcileAll()
        #expect(try await h.tasks().allSatisfy { $0.lastStatus == "RUNNING" })
        #expect(try await h.o.listAuditRecords(.init(resourceArn: ARN.cluster("default"))).auditRecords.first?.action == "BulkRunTasks")
    }
}

extension TaskTests {
    @Test func bulkTaskBodiesMatchTheEncoder() throws {
        let c = ContainerDefinition(name: "app", image: "nginx", cpu: 10, memory: 64,
                                    portMappings: [PortMapping(containerPort: 80, hostPort: 8080)],
                                    environment: [KeyValuePair(name: "A", value: "x/y")])
        let td = TaskDefinition(taskDefinitionArn: ARN.taskDefinition("web", 3), family: "web", revision: 3, status: "ACTIVE",
                                containerDefinitions: [c], networkMode: "bridge", registeredAt: nil)
        let cluster = Cluster(clusterArn: ARN.cluster("c"), clusterName: "c", status: "ACTIVE", registeredContainerInstancesCount: 0,
                              runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0)
        let now = Date(timeIntervalSince1970: 1_800_000_000.25)
        let template = try TaskBodyTemplate(td, cluster: cluster, group: "family:web", now: now)
        let instance = ARN.containerInstance(cluster: "c", id: "abc")
        let expected = try ECSJSON.encoder().encode(TaskFactory.make(td, cluster: cluster, instanceArn: instance, launchType: "EC2",
                                                                     startedBy: nil, group: "family:web", overrides: nil, now: now, id: "feed"))
        #expect(template.render(taskID: "feed", instanceArn: instance) == expected)
    }
}
