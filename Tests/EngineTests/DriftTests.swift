import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct DriftTests {
    @Test func reportsInSyncModifiedAndDeletedWithLastChange() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let inSync = try await h.engine.drift(stack: shopStack())
        #expect(inSync.inSync)
        #expect(inSync.resources.count == 4)
        #expect(inSync.resources.allSatisfy { $0.status == .inSync })

        let state = try await h.state()
        let web = try #require(state[addr("service.web")]?.id)
        let cluster = try #require(state[addr("cluster.main")]?.id)
        let when = Date(timeIntervalSince1970: 1_790_000_000)
        h.provider.mutate(id: web, principal: "arn:user/alice", action: "UpdateService", at: when) { $0["desired_count"] = .int(5) }
        h.provider.remove(id: cluster, principal: "arn:user/bob", action: "DeleteCluster")
        let report = try await h.engine.drift(stack: shopStack())
        #expect(!report.inSync)
        let byAddress = Dictionary(uniqueKeysWithValues: report.resources.map { ($0.address.description, $0) })
        #expect(byAddress["service.web"]?.status == .modified)
        #expect(byAddress["service.web"]?.differences == [AttributeDifference(path: "desired_count", before: .int(2), after: .int(5))])
        #expect(byAddress["service.web"]?.lastChange == ChangeRecord(time: when, principal: "arn:user/alice", action: "UpdateService"))
        #expect(byAddress["cluster.main"]?.status == .deleted)
        #expect(byAddress["cluster.main"]?.lastChange?.action == "DeleteCluster")
        #expect(byAddress["role.app"]?.status == .inSync)
        // Drift writes nothing.
        #expect(try await h.state().serial == state.serial)
    }

    @Test func nestedAndSensitiveDifferencesHaveDottedPaths() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let td = try #require(try await h.state()[addr("task_definition.app")]?.id)
        let role = try #require(try await h.state()[addr("role.app")]?.id)
        h.provider.mutate(id: td) { $0["environment"] = .map(["A": .string("1"), "B": .string("changed")]) }
        h.provider.mutate(id: role) { $0["password"] = .string("rotated") }
        let report = try await h.engine.drift(stack: nil)
        let byAddress = Dictionary(uniqueKeysWithValues: report.resources.map { ($0.address.description, $0) })
        #expect(byAddress["task_definition.app"]?.differences.map(\.path) == ["environment.B"])
        #expect(byAddress["role.app"]?.differences.map(\.path) == ["password"])
        // The secret is reported as sensitive on both sides, never in plain text.
        #expect(byAddress["role.app"]?.differences.first?.after?.isSensitive == true)
    }

    @Test func ignoreChangesIsNotDrift() async throws {
        let h = Harness()
        let ignoring = Lifecycle(ignoreChanges: [["desired_count"]])
        try await h.apply(shopStack(serviceLifecycle: ignoring))
        let web = try #require(try await h.state()[addr("service.web")]?.id)
        h.provider.mutate(id: web) { $0["desired_count"] = .int(7) }
        #expect(try await h.engine.drift(stack: shopStack(serviceLifecycle: ignoring)).inSync)
        #expect(!(try await h.engine.drift(stack: nil)).inSync)
    }
}
