import Foundation
import Testing
@testable import Orchestrator

@Suite struct ContainerInstanceTests {
    @Test func registerListDescribe() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 2, cpu: 2048, memory: 4096, attributes: [[Attribute(name: "zone", value: "a")]])
        #expect(arns.allSatisfy { $0.hasPrefix("arn:aws:ecs:local:000000000000:container-instance/default/") })
        #expect(try await h.o.listContainerInstances(.init()).containerInstanceArns == arns.sorted())
        let d = try await h.o.describeContainerInstances(.init(containerInstances: [ARN.lastComponent(arns[0]), "missing"]))
        #expect(d.containerInstances.count == 1)
        let ci = d.containerInstances[0]
        #expect(ci.status == "ACTIVE")
        #expect(ci.integer("CPU", remaining: false) == 2048)
        #expect(ci.integer("MEMORY") == 4096)
        #expect(ci.stringSet("PORTS") == ["22", "2375", "2376", "51678", "51679"])
        #expect(ci.attributes == [Attribute(name: "zone", value: "a")])
        #expect(d.failures.map(\.reason) == ["MISSING"])
        await expectError("ClusterNotFoundException") { _ = try await h.o.registerContainerInstance(.init(cluster: "nope")) }
        await expectError("InvalidParameterException") {
            _ = try await h.o.registerContainerInstance(.init(totalResources: [Resource(name: "CPU", integerValue: -1)]))
        }
        await expectError("InvalidParameterException") { _ = try await h.o.describeContainerInstances(.init(containerInstances: [])) }
    }

    @Test func remainingResourcesTrackTasks() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 1, cpu: 1024, memory: 2048)
        try await h.taskDefinition(cpu: 256, memory: 512, hostPort: 8080)
        let run = try await h.o.runTask(.init(taskDefinition: "web"))
        #expect(run.tasks.count == 1)
        var ci = try await h.o.describeContainerInstances(.init(containerInstances: arns)).containerInstances[0]
        #expect(ci.integer("CPU") == 768)
        #expect(ci.integer("MEMORY") == 1536)
        #expect(ci.stringSet("PORTS").contains("8080"))
        #expect(ci.runningTasksCount == 1)
        // The host port is taken: a second copy cannot be placed on the only instance.
        let second = try await h.o.runTask(.init(taskDefinition: "web"))
        #expect(second.tasks.isEmpty)
        #expect(second.failures.map(\.reason) == ["RESOURCE:PORTS"])
        _ = try await h.o.stopTask(.init(task: run.tasks[0].taskArn))
        ci = try await h.o.describeContainerInstances(.init(containerInstances: arns)).containerInstances[0]
        #expect(ci.integer("CPU") == 1024)
        #expect(ci.integer("MEMORY") == 2048)
        #expect(!ci.stringSet("PORTS").contains("8080"))
    }

    @Test func updateStateAndDeregister() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 2)
        await expectError("InvalidParameterException") {
            _ = try await h.o.updateContainerInstancesState(.init(containerInstances: arns, status: "BROKEN"))
        }
        let u = try await h.o.updateContainerInstancesState(.init(containerInstances: [arns[0], "nope"], status: "DRAINING"))
        #expect(u.containerInstances.map(\.status) == ["DRAINING"])
        #expect(u.failures.count == 1)
        #expect(try await h.o.listContainerInstances(.init(status: "DRAINING")).containerInstanceArns == [arns[0]])
        await expectError("InvalidParameterException") { _ = try await h.o.listContainerInstances(.init(status: "SLEEPING")) }
        try await h.taskDefinition()
        _ = try await h.o.runTask(.init(taskDefinition: "web"))   // lands on the ACTIVE instance
        await expectError("InvalidParameterException") { _ = try await h.o.deregisterContainerInstance(.init(containerInstance: arns[1])) }
        let d = try await h.o.deregisterContainerInstance(.init(containerInstance: arns[1], force: true))
        #expect(d.containerInstance.status == "INACTIVE")
        #expect(try await h.tasks().isEmpty)
        let stopped = try await h.tasks(desired: "STOPPED")
        #expect(stopped.count == 1 && stopped[0].lastStatus == "STOPPED")
        await expectError("InvalidParameterException") { _ = try await h.o.deregisterContainerInstance(.init(containerInstance: arns[1])) }
    }
}
