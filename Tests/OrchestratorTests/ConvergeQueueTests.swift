import Foundation
import Testing
@testable import Orchestrator

/// Converges asked for at the same time are joined into rounds; every caller must still get
/// its own service converged, and one service that cannot be placed must not hold back the
/// others of its round.
@Suite struct ConvergeQueueTests {
    @Test func concurrentCreatesAcrossClustersAllReachSteadyState() async throws {
        let h = try Harness()
        let clusters = ["c1", "c2", "c3", "c4"]
        for c in clusters { try await h.cluster(c, instances: 2) }
        try await h.cluster("empty")
        try await h.taskDefinition()
        let created = try await withThrowingTaskGroup(of: Service.self, returning: [Service].self) { group in
            for c in clusters {
                for i in 0..<4 {
                    group.addTask { try await h.o.createService(.init(cluster: c, serviceName: "s\(i)", taskDefinition: "web", desiredCount: 2)).service }
                }
            }
            // No instance to place on: stays unplaced, with the reason in its events.
            group.addTask { try await h.o.createService(.init(cluster: "empty", serviceName: "stuck", taskDefinition: "web", desiredCount: 1)).service }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(created.count == 17)
        for s in created where s.serviceName != "stuck" {
            #expect(s.runningCount == 2 && s.pendingCount == 0, "\(s.serviceArn)")
            #expect(s.events.first?.message == "(service \(s.serviceName)) has reached a steady state.")
        }
        let stuck = try #require(created.first { $0.serviceName == "stuck" })
        #expect(stuck.runningCount == 0)
        #expect(stuck.events.contains { $0.message.contains("was unable to place a task") })
        for c in clusters { #expect(try await h.tasks(cluster: c).count == 8) }
    }

    /// A create places its tasks in its own transaction and hands them to the next round;
    /// a round that also carries cluster-wide converges starts them without settling first,
    /// and nothing is placed twice.
    @Test func createsJoinedByClusterConvergesPlaceEachTaskOnce() async throws {
        let h = try Harness()
        try await h.cluster("c1", instances: 3)
        try await h.taskDefinition()
        let created = try await withThrowingTaskGroup(of: Service?.self, returning: [Service].self) { group in
            for i in 0..<6 {
                group.addTask { try await h.o.createService(.init(cluster: "c1", serviceName: "s\(i)", taskDefinition: "web", desiredCount: 2)).service }
                group.addTask { try await h.o.reconcile(cluster: "c1"); return nil }
            }
            return try await group.reduce(into: []) { if let s = $1 { $0.append(s) } }
        }
        #expect(created.count == 6)
        for s in created {
            #expect(s.runningCount == 2 && s.pendingCount == 0, "\(s.serviceArn)")
            #expect(s.events.filter { $0.message.hasPrefix("(service \(s.serviceName)) has started 2 tasks") }.count == 1)
        }
        let tasks = try await h.tasks(cluster: "c1")
        #expect(tasks.count == 12)
        #expect(tasks.allSatisfy { $0.lastStatus == "RUNNING" })
        for s in created { #expect(tasks.filter { $0.group == "service:\(s.serviceName)" }.count == 2) }
    }

    @Test func scopesMergePerCluster() {
        var scope = ServiceController.Scope(clusterArn: "a", services: ["a/s1"])
        scope.merge(.init(clusterArn: "a", services: ["a/s2"]))
        scope.merge(.init(clusterArn: "b", services: ["b/s1"]))
        #expect(scope.clusterArns == ["a", "b"])
        #expect(scope.clusters["a"] == .some(["a/s1", "a/s2"]))
        scope.merge(.init(clusterArn: "b", services: nil))
        #expect(scope.clusters["b"] == .some(nil))
        scope.merge(.init(clusterArn: "b", services: ["b/s3"]))
        #expect(scope.clusters["b"] == .some(nil), "a whole cluster absorbs service sets")
        #expect(ConvergeQueue.lane(of: "arn:aws:ecs:local:000000000000:cluster/x", count: 2)
            == ConvergeQueue.lane(of: "arn:aws:ecs:local:000000000000:cluster/x", count: 2))
    }
}
