import Engine
import Foundation
import Orchestrator
import StackConfig
import Testing

@Suite struct ServiceTests {
    /// A fargate cluster and task definition to run services on; returns the definition's ARN.
    func world(_ h: Harness) async throws -> String {
        _ = try await h.create("cluster.front", ["name": .s("front")])
        let td = try await h.create("task_definition.web", [
            "family": .s("web"), "cpu": .int(256), "memory": .int(512),
            "containers": .list([.map(["name": .s("web"), "image": .s("web:1"), "memory": .int(256),
                                       "ports": .list([.map(["container": .int(8080)])])])]),
        ])
        return td.id
    }

    func config(_ td: String) -> [String: Value] {
        [
            "name": .s("web"), "cluster": .s("front"), "task_definition": .s(td), "desired_count": .int(2),
            "launch_type": .s("fargate"),
            "deployment": .map(["minimum_healthy_percent": .int(50), "maximum_percent": .int(200),
                                "circuit_breaker": .map(["enable": .bool(true), "rollback": .bool(true)])]),
            "load_balancer": .map(["container": .s("web"), "container_port": .int(8080), "listener_port": .int(18080)]),
            "tags": .map(["team": .s("shop")]),
        ]
    }

    @Test func createWaitsForSteadyStateAndRoundTrips() async throws {
        let h = try Harness()
        let td = try await world(h)
        let created = try await h.create("service.web", config(td))
        #expect(created.id == "arn:aws:ecs:local:000000000000:service/front/web")
        let read = try #require(try await h.read("service.web", created.id, prior: created.attributes))
        #expect(Harness.configured(read) == h.normalize("service", config(td)))
        let s = try await h.orchestrator.describeServices(DescribeServicesRequest(cluster: "front", services: ["web"])).services[0]
        #expect(s.runningCount == 2)
    }

    @Test func updateMovesToANewRevisionAndScales() async throws {
        let h = try Harness()
        let td = try await world(h)
        let created = try await h.create("service.web", config(td))
        let td2 = try await h.create("task_definition.web", [
            "family": .s("web"), "cpu": .int(256), "memory": .int(512),
            "containers": .list([.map(["name": .s("web"), "image": .s("web:2"), "memory": .int(256),
                                       "ports": .list([.map(["container": .int(8080)])])])]),
        ])
        var c = config(td2.id)
        c["desired_count"] = .int(3)
        let updated = try await h.update("service.web", created.id, prior: created.attributes, c)
        #expect(updated["task_definition"] == .s(td2.id))
        let tasks = try await h.orchestrator.listTasks(ListTasksRequest(cluster: "front", serviceName: "web", desiredStatus: "RUNNING"))
        let described = try await h.orchestrator.describeTasks(DescribeTasksRequest(cluster: "front", tasks: tasks.taskArns))
        #expect(described.tasks.count == 3)
        #expect(described.tasks.allSatisfy { $0.taskDefinitionArn == td2.id })
    }

    @Test func outOfBandChangesShowInReadAndHistory() async throws {
        let h = try Harness()
        let td = try await world(h)
        let created = try await h.create("service.web", config(td))
        _ = try await h.orchestrator.updateService(UpdateServiceRequest(cluster: "front", service: "web", desiredCount: 5))
        let read = try #require(try await h.read("service.web", created.id, prior: created.attributes))
        #expect(read["desired_count"] == .int(5))
        let history = try await h.provider.history(HistoryRequest(address: h.address("service.web"), id: created.id))
        #expect(history.lastChange?.action == "UpdateService")
    }

    @Test func deleteWaitsUntilInactiveSoTheClusterCanGo() async throws {
        let h = try Harness()
        let td = try await world(h)
        let created = try await h.create("service.web", config(td))
        try await h.delete("service.web", created.id)
        #expect(try await h.read("service.web", created.id, prior: [:]) == nil)
        try await h.delete("service.web", created.id)
        try await h.delete("task_definition.web", td)
        try await h.delete("cluster.front", "arn:aws:ecs:local:000000000000:cluster/front")
        #expect(try await h.orchestrator.listClusters(ListClustersRequest()).clusterArns.isEmpty)
    }

    @Test func adoptsItsOwnServiceAndRefusesAStrangers() async throws {
        let h = try Harness()
        let td = try await world(h)
        let first = try await h.create("service.web", config(td))
        let again = try await h.create("service.web", config(td))
        #expect(again.id == first.id)
        await #expect(throws: ProviderError.self) { try await h.create("service.other", config(td)) }
    }

    @Test func importByClusterSlashName() async throws {
        let h = try Harness()
        let td = try await world(h)
        let created = try await h.create("service.web", config(td))
        let imported = try await h.provider.importResource(ImportResourceRequest(address: h.address("service.web"), id: "front/web"))
        #expect(imported.id == created.id)
        #expect(imported.attributes.map(Harness.configured) == h.normalize("service", config(td)))
    }
}
