import Engine
import Foundation
import Orchestrator
import StackConfig
import Testing

@Suite struct ClusterTests {
    let ec2: [String: Value] = [
        "name": .s("back"), "capacity": .s("ec2"),
        "instances": .map(["count": .int(2), "cpu": .int(2048), "memory": .int(4096), "attributes": .map(["zone": .s("a")])]),
        "settings": .map(["container_insights": .bool(true)]), "tags": .map(["team": .s("shop")]),
    ]

    @Test func createReadRoundTripsToTheNormalizedConfig() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.back", ec2)
        #expect(created.id == "arn:aws:ecs:local:000000000000:cluster/back")
        let read = try #require(try await h.read("cluster.back", created.id, prior: created.attributes))
        #expect(Harness.configured(read) == h.normalize("cluster", ec2))
        #expect(read == created.attributes)
        let instances = try await h.orchestrator.listContainerInstances(ListContainerInstancesRequest(cluster: "back"))
        #expect(instances.containerInstanceArns.count == 2)
    }

    @Test func fargateDefaultsNormalizeAndRoundTrip() async throws {
        let h = try Harness()
        let config: [String: Value] = ["name": .s("front")]
        let created = try await h.create("cluster.front", config)
        let read = try #require(try await h.read("cluster.front", created.id, prior: created.attributes))
        #expect(Harness.configured(read) == h.normalize("cluster", config))
        #expect(read["capacity"] == .s("fargate"))
        #expect(read["settings"] == .map(["container_insights": .bool(false)]))
        #expect(read["instances"] == .null)
    }

    @Test func scalingRegistersAndDrainsInstancesAndShapeChangesRoll() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.back", ec2)
        var config = ec2
        config["instances"] = .map(["count": .int(3), "cpu": .int(2048), "memory": .int(4096), "attributes": .map(["zone": .s("a")])])
        let up = try await h.update("cluster.back", created.id, prior: created.attributes, config)
        #expect(up["instances"]?.mapValue?["count"] == .int(3))
        config["instances"] = .map(["count": .int(1), "cpu": .int(1024), "memory": .int(4096), "attributes": .map(["zone": .s("b")])])
        config["settings"] = .map(["container_insights": .bool(false)])
        let down = try await h.update("cluster.back", created.id, prior: up, config)
        #expect(Harness.configured(down) == h.normalize("cluster", config))
        let active = try await h.orchestrator.listContainerInstances(ListContainerInstancesRequest(cluster: "back", status: "ACTIVE"))
        #expect(active.containerInstanceArns.count == 1)
    }

    @Test func outOfBandInstanceShowsInRead() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.back", ec2)
        _ = try await h.orchestrator.registerContainerInstance(RegisterContainerInstanceRequest(
            cluster: "back", totalResources: [Resource(name: "CPU", integerValue: 2048), Resource(name: "MEMORY", integerValue: 4096)],
            attributes: [Attribute(name: "zone", value: "a")]))
        let read = try #require(try await h.read("cluster.back", created.id, prior: created.attributes))
        #expect(read["instances"]?.mapValue?["count"] == .int(3))
    }

    @Test func deleteRemovesInstancesAndClusterAndIsIdempotent() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.back", ec2)
        try await h.delete("cluster.back", created.id)
        #expect(try await h.read("cluster.back", created.id, prior: created.attributes) == nil)
        try await h.delete("cluster.back", created.id)
        let clusters = try await h.orchestrator.listClusters(ListClustersRequest())
        #expect(clusters.clusterArns.isEmpty)
    }

    @Test func createAdoptsTheClusterOfAnInterruptedApply() async throws {
        let h = try Harness()
        let first = try await h.create("cluster.back", ec2)
        let again = try await h.create("cluster.back", ec2)
        #expect(first.id == again.id)
        let instances = try await h.orchestrator.listContainerInstances(ListContainerInstancesRequest(cluster: "back"))
        #expect(instances.containerInstanceArns.count == 2)
    }

    @Test func importByNameAndHistory() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.back", ec2)
        let imported = try await h.provider.importResource(ImportResourceRequest(address: h.address("cluster.back"), id: "back"))
        #expect(imported.id == created.id)
        #expect(imported.attributes == created.attributes)
        let missing = try await h.provider.importResource(ImportResourceRequest(address: h.address("cluster.x"), id: "nope"))
        #expect(missing.attributes == nil)
        let history = try await h.provider.history(HistoryRequest(address: h.address("cluster.back"), id: created.id))
        #expect(history.lastChange?.principal == "tester")
        #expect(history.lastChange?.action == "CreateCluster")
    }
}
