import Engine
import Foundation
import Orchestrator
import StackConfig
import Testing

@Suite struct TaskRoleTests {
    let config: [String: Value] = [
        "name": .s("worker-role"), "description": .s("reads the queue"),
        "policies": .list([.map(["effect": .s("allow"), "actions": .list([.s("sqs:ReceiveMessage"), .s("sqs:DeleteMessage")]),
                                 "resources": .list([.s("arn:aws:sqs:local:000000000000:orders")])]),
                           .map(["effect": .s("deny"), "actions": .list([.s("s3:*")]), "resources": .list([.s("*")])])]),
        "max_session_seconds": .int(7200), "tags": .map(["team": .s("shop")]),
    ]

    @Test func createReadRoundTrip() async throws {
        let h = try Harness()
        let created = try await h.create("task_role.worker", config)
        #expect(created.id == "arn:aws:iam::000000000000:role/worker-role")
        let read = try #require(try await h.read("task_role.worker", created.id, prior: created.attributes))
        #expect(Harness.configured(read) == h.normalize("task_role", config))
        let doc = try await h.orchestrator.getRolePolicy(GetRolePolicyRequest(RoleName: "worker-role", PolicyName: "ecsform"))
        #expect(doc.PolicyDocument.contains("\"Deny\""))
    }

    @Test func updatesDescriptionPoliciesAndTagsInPlace() async throws {
        let h = try Harness()
        let created = try await h.create("task_role.worker", config)
        var changed = config
        changed["description"] = .s("new")
        changed["policies"] = .list([])
        changed["tags"] = .map(["team": .s("ops")])
        let updated = try await h.update("task_role.worker", created.id, prior: created.attributes, changed)
        #expect(Harness.configured(updated) == h.normalize("task_role", changed))
        #expect(updated["arn"] == created.attributes["arn"])
        let policies = try await h.orchestrator.listRolePolicies(ListRolePoliciesRequest(RoleName: "worker-role"))
        #expect(policies.PolicyNames.isEmpty)
    }

    @Test func deleteThenReadIsGoneAndDeleteAgainSucceeds() async throws {
        let h = try Harness()
        let created = try await h.create("task_role.worker", config)
        try await h.delete("task_role.worker", created.id)
        #expect(try await h.read("task_role.worker", created.id, prior: [:]) == nil)
        try await h.delete("task_role.worker", created.id)
    }

    @Test func adoptsItsOwnRoleButRefusesAStrangersRole() async throws {
        let h = try Harness()
        let first = try await h.create("task_role.worker", config)
        let again = try await h.create("task_role.worker", config)
        #expect(again.id == first.id)
        await #expect(throws: ProviderError.self) { try await h.create("task_role.other", config) }
    }

    @Test func importByName() async throws {
        let h = try Harness()
        let created = try await h.create("task_role.worker", config)
        let imported = try await h.provider.importResource(ImportResourceRequest(address: h.address("task_role.worker"), id: "worker-role"))
        #expect(imported.id == created.id)
        #expect(imported.attributes == created.attributes)
    }
}
