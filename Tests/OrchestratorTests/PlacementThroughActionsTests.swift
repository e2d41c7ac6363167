import Foundation
import Testing
@testable import Orchestrator

/// Placement as seen through RunTask and services, on crafted instance sets.
@Suite struct PlacementThroughActionsTests {
    @Test func binpackOnMemoryFillsTheFullestInstanceFirst() async throws {
        let h = try Harness()
        _ = try await h.o.createCluster(.init())
        var arns: [String] = []
        for mem in [4096, 1024, 2048] {
            arns.append(try await h.o.registerContainerInstance(.init(totalResources: [Resource(name: "CPU", integerValue: 4096), Resource(name: "MEMORY", integerValue: mem)])).containerInstance.containerInstanceArn)
        }
        try await h.taskDefinition(cpu: 10, memory: 512)
        let r = try await h.o.runTask(.init(taskDefinition: "web", count: 4, placementStrategy: [PlacementStrategy(type: "binpack", field: "memory")]))
        // 1024 MiB instance takes two, then the 2048 one.
        #expect(r.tasks.map { $0.containerInstanceArn ?? "" } == [arns[1], arns[1], arns[2], arns[2]])
    }

    @Test func spreadAndDistinctInstance() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 3, cpu: 4096, memory: 8192)
        try await h.taskDefinition(cpu: 10, memory: 64)
        let r = try await h.o.runTask(.init(taskDefinition: "web", count: 6, placementStrategy: [PlacementStrategy(type: "spread", field: "instanceId")]))
        var counts: [String: Int] = [:]
        for t in r.tasks { counts[t.containerInstanceArn ?? "", default: 0] += 1 }
        #expect(counts == Dictionary(uniqueKeysWithValues: arns.map { ($0, 2) }))
        let d = try await h.o.runTask(.init(taskDefinition: "web", count: 4, group: "solo",
                                             placementConstraints: [PlacementConstraint(type: "distinctInstance")]))
        #expect(d.tasks.count == 3)
        #expect(Set(d.tasks.compactMap(\.containerInstanceArn)).count == 3)
        #expect(d.failures.count == 1)
    }

    @Test func memberOfConstraints() async throws {
        let h = try Harness()
        let arns = try await h.cluster(instances: 3, attributes: [[Attribute(name: "tier", value: "gold")], [Attribute(name: "tier", value: "silver")], [Attribute(name: "tier", value: "bronze")]])
        try await h.taskDefinition(cpu: 10, memory: 64)
        func place(_ expr: String) async throws -> Set<String> {
            Set(try await h.o.runTask(.init(taskDefinition: "web", count: 3, placementConstraints: [PlacementConstraint(type: "memberOf", expression: expr)]))
                .tasks.compactMap(\.containerInstanceArn))
        }
        #expect(try await place("attribute:tier == gold") == [arns[0]])
        let notGold = try await place("attribute:tier != gold")
        #expect(!notGold.isEmpty && notGold.isSubset(of: [arns[1], arns[2]]))
        #expect(try await place("attribute:tier in [silver, bronze]").isSubset(of: [arns[1], arns[2]]))
        let none = try await h.o.runTask(.init(taskDefinition: "web", placementConstraints: [PlacementConstraint(type: "memberOf", expression: "attribute:tier == platinum")]))
        #expect(none.tasks.isEmpty && none.failures.count == 1)
        await expectError("InvalidParameterException") {
            _ = try await h.o.runTask(.init(taskDefinition: "web", placementConstraints: [PlacementConstraint(type: "memberOf")]))
        }
        await expectError("InvalidParameterException") {
            _ = try await h.o.runTask(.init(taskDefinition: "web", placementConstraints: [PlacementConstraint(type: "sameHost")]))
        }
    }
}
