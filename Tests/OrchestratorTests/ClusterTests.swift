import Foundation
import Testing
@testable import Orchestrator

@Suite struct ClusterTests {
    @Test func createDescribeListDelete() async throws {
        let h = try Harness()
        let c = try await h.o.createCluster(.init(clusterName: "prod", tags: [Tag(key: "team", value: "web")])).cluster
        #expect(c.clusterArn == "arn:aws:ecs:local:000000000000:cluster/prod")
        #expect(c.status == "ACTIVE")
        #expect(c.tags == [Tag(key: "team", value: "web")])
        // Creating again is idempotent.
        let again = try await h.o.createCluster(.init(clusterName: "prod")).cluster
        #expect(again.clusterArn == c.clusterArn)
        _ = try await h.o.createCluster(.init())
        #expect(try await h.o.listClusters(.init()).clusterArns == [ARN.cluster("default"), ARN.cluster("prod")])
        let d = try await h.o.describeClusters(.init(clusters: ["prod", "nope"], include: ["TAGS"]))
        #expect(d.clusters.map(\.clusterName) == ["prod"])
        #expect(d.clusters[0].tags == [Tag(key: "team", value: "web")])
        #expect(d.failures == [Failure(arn: ARN.cluster("nope"), reason: "MISSING")])
        let deleted = try await h.o.deleteCluster(.init(cluster: "prod")).cluster
        #expect(deleted.status == "INACTIVE")
        #expect(try await h.o.listClusters(.init()).clusterArns == [ARN.cluster("default")])
        await expectError("ClusterNotFoundException") { _ = try await h.o.deleteCluster(.init(cluster: "prod")) }
        // A deleted cluster can be created again.
        #expect(try await h.o.createCluster(.init(clusterName: "prod")).cluster.status == "ACTIVE")
    }

    @Test func pagination() async throws {
        let h = try Harness()
        for i in 0..<5 { _ = try await h.o.createCluster(.init(clusterName: "c\(i)")) }
        let p1 = try await h.o.listClusters(.init(maxResults: 2))
        #expect(p1.clusterArns.count == 2)
        let p2 = try await h.o.listClusters(.init(maxResults: 2, nextToken: p1.nextToken))
        let p3 = try await h.o.listClusters(.init(maxResults: 2, nextToken: p2.nextToken))
        #expect(p3.nextToken == nil)
        #expect(Set(p1.clusterArns + p2.clusterArns + p3.clusterArns).count == 5)
        await expectError("InvalidParameterException") { _ = try await h.o.listClusters(.init(maxResults: 0)) }
        await expectError("InvalidParameterException") { _ = try await h.o.listClusters(.init(nextToken: "zz")) }
    }

    @Test func invalidNamesAndSettings() async throws {
        let h = try Harness()
        await expectError("InvalidParameterException") { _ = try await h.o.createCluster(.init(clusterName: "bad name")) }
        await expectError("InvalidParameterException") {
            _ = try await h.o.createCluster(.init(clusterName: "x", settings: [ClusterSetting(name: "bogus", value: "1")]))
        }
        await expectError("InvalidParameterException") {
            _ = try await h.o.createCluster(.init(clusterName: "x", tags: [Tag(key: "aws:reserved", value: "1")]))
        }
        _ = try await h.o.createCluster(.init(clusterName: "x"))
        let u = try await h.o.updateClusterSettings(.init(cluster: "x", settings: [ClusterSetting(name: "containerInsights", value: "enabled")]))
        #expect(u.cluster.settings == [ClusterSetting(name: "containerInsights", value: "enabled")])
        await expectError("InvalidParameterException") {
            _ = try await h.o.updateClusterSettings(.init(cluster: "x", settings: [ClusterSetting(name: "containerInsights", value: "maybe")]))
        }
        await expectError("ClusterNotFoundException") {
            _ = try await h.o.updateClusterSettings(.init(cluster: "missing", settings: []))
        }
    }

    @Test func deleteRefusedWhileInUse() async throws {
        let h = try Harness()
        let instances = try await h.cluster(instances: 1)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        await expectError("ClusterContainsServicesException") { _ = try await h.o.deleteCluster(.init(cluster: "default")) }
        _ = try await h.o.deleteService(.init(service: "web", force: true))
        let run = try await h.o.runTask(.init(taskDefinition: "web"))
        await expectError("ClusterContainsTasksException") { _ = try await h.o.deleteCluster(.init(cluster: "default")) }
        _ = try await h.o.stopTask(.init(task: run.tasks[0].taskArn))
        await expectError("ClusterContainsContainerInstancesException") { _ = try await h.o.deleteCluster(.init(cluster: "default")) }
        _ = try await h.o.deregisterContainerInstance(.init(containerInstance: instances[0]))
        #expect(try await h.o.deleteCluster(.init(cluster: "default")).cluster.status == "INACTIVE")
    }

    @Test func liveCounts() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 3))
        let c = try await h.o.describeClusters(.init(clusters: ["default"])).clusters[0]
        #expect(c.registeredContainerInstancesCount == 2)
        #expect(c.runningTasksCount == 3)
        #expect(c.pendingTasksCount == 0)
        #expect(c.activeServicesCount == 1)
    }
}
