import Engine
import Foundation
import Orchestrator
import StackConfig
import Testing

@Suite struct TaskDefinitionTests {
    static let secret = "s3cr3t-Pa55word-xyzzy"
    let config: [String: Value] = [
        "family": .s("demo-worker"), "compatibilities": .list([.s("ec2")]), "network_mode": .s("bridge"),
        "cpu": .int(256), "memory": .int(512), "task_role": .null,
        "containers": .list([.map([
            "name": .s("worker"), "image": .s("registry.local/worker:1.0"),
            "command": .list([.s("/usr/bin/worker")]),
            "ports": .list([.map(["container": .int(8080)])]),
            "environment": .map(["QUEUE": .s("orders"), "A": .s("1")]),
            "secrets": .map(["DB_PASSWORD": .sensitive(.s(TaskDefinitionTests.secret))]),
            "cpu": .int(256), "memory": .int(384), "memory_reservation": .int(256),
            "depends_on": .list([.map(["container": .s("migrate"), "condition": .s("success")])]),
            "health_check": .map(["command": .list([.s("CMD-SHELL"), .s("true")]), "interval": .int(10)]),
        ]), .map(["name": .s("migrate"), "image": .s("registry.local/migrate:1.0"), "essential": .bool(false)])]),
    ]

    @Test func normalizeFillsDefaults() throws {
        let h = try Harness()
        let n = h.normalize("task_definition", ["containers": .list([.map(["name": .s("w"), "image": .s("i"),
                                                                            "ports": .list([.map(["container": .int(80)])])])])])
        #expect(n["compatibilities"] == .list([.s("fargate")]))
        #expect(n["network_mode"] == .s("awsvpc"))
        let c = n["containers"]?.listValue?.first?.mapValue ?? [:]
        #expect(c["ports"] == .list([.map(["container": .int(80), "host": .int(80), "protocol": .s("tcp")])]))
        #expect(c["essential"] == .bool(true))
        #expect(c["cpu"] == .int(0))
        #expect(c["secrets"] == .map([:]))
    }

    @Test func createReadRoundTripKeepsSecretsOutOfTheStore() async throws {
        let h = try Harness()
        let created = try await h.create("task_definition.worker", config)
        #expect(created.attributes["revision"] == .int(1))
        let read = try #require(try await h.read("task_definition.worker", created.id, prior: created.attributes))
        #expect(Harness.configured(read) == h.normalize("task_definition", config))
        let td = try await h.orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: created.id))
        let ref = try #require(td.taskDefinition.containerDefinitions.first?.secrets?.first)
        #expect(ref.valueFrom.hasPrefix("arn:aws:secretsmanager:local:000000000000:secret:ecsform/demo-worker/"))
        let bytes = try h.storeBytes()
        #expect(bytes.range(of: Data(Self.secret.utf8)) == nil)
        let audit = try await h.orchestrator.listAuditRecords(ListAuditRecordsRequest(maxResults: 100))
        #expect(!"\(audit)".contains(Self.secret))
    }

    @Test func readWithHashedPriorStaysEqualUntilTheSecretChangesOutOfBand() async throws {
        let h = try Harness()
        let created = try await h.create("task_definition.worker", config)
        let hasher = SensitiveHasher(keyText: "state-key")
        let differ = Differ(hasher: hasher)
        let inState = hasher.fingerprint(created.attributes)
        let read = try #require(try await h.read("task_definition.worker", created.id, prior: inState))
        #expect(differ.changedAttributes(before: inState, after: read).isEmpty)
        let td = try await h.orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: created.id))
        let arn = try #require(td.taskDefinition.containerDefinitions.first?.secrets?.first?.valueFrom)
        _ = try await h.orchestrator.putSecretValue(PutSecretValueRequest(SecretId: arn, SecretString: "other"))
        let drifted = try #require(try await h.read("task_definition.worker", created.id, prior: inState))
        #expect(differ.changedAttributes(before: inState, after: drifted) == ["containers"])
        // And a changed configured secret differs from state too.
        var changed = h.normalize("task_definition", config)
        changed["containers"] = TaskDefinitionTests.withSecret("new-value", changed["containers"])
        #expect(differ.changedAttributes(before: inState, after: changed.filter { $0.key != "revision" && $0.key != "arn" && $0.key != "id" }) == ["containers"])
    }

    static func withSecret(_ v: String, _ containers: Value?) -> Value {
        guard case .list(var xs)? = containers, case .map(var m) = xs[0] else { return .null }
        m["secrets"] = .map(["DB_PASSWORD": .sensitive(.s(v))])
        xs[0] = .map(m)
        return .list(xs)
    }

    @Test func newRevisionThenDeregisterLeavesTheOldInactive() async throws {
        let h = try Harness()
        let first = try await h.create("task_definition.worker", config)
        var changed = config
        changed["memory"] = .int(1024)
        let second = try await h.create("task_definition.worker", changed)
        #expect(second.attributes["revision"] == .int(2))
        try await h.delete("task_definition.worker", first.id)
        #expect(try await h.read("task_definition.worker", first.id, prior: first.attributes) == nil)
        let old = try await h.orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: first.id))
        #expect(old.taskDefinition.status == "INACTIVE")
        try await h.delete("task_definition.worker", first.id)
    }

    @Test func createAdoptsAnIdenticalRevisionFromAnInterruptedApply() async throws {
        let h = try Harness()
        let first = try await h.create("task_definition.worker", config)
        let again = try await h.create("task_definition.worker", config)
        #expect(again.id == first.id)
        let active = try await h.orchestrator.listTaskDefinitions(ListTaskDefinitionsRequest(familyPrefix: "demo-worker"))
        #expect(active.taskDefinitionArns.count == 1)
        let secrets = try await h.orchestrator.listSecrets(ListSecretsRequest())
        #expect(secrets.SecretList.count == 1)
    }

    /// A revision tagged outside ecsform plans as a replacement; the replacing create must
    /// register a new revision, not adopt the one it replaces (which is then deregistered).
    @Test func createDoesNotAdoptARevisionRetaggedOutOfBand() async throws {
        let h = try Harness()
        let first = try await h.create("task_definition.worker", config)
        _ = try await h.orchestrator.tagResource(TagResourceRequest(resourceArn: first.id, tags: [Tag(key: "owner", value: "someone")]))
        let replacement = try await h.create("task_definition.worker", config)
        #expect(replacement.id != first.id)
        #expect(replacement.attributes["revision"] == .int(2))
    }

    @Test func deleteRemovesItsSecrets() async throws {
        let h = try Harness()
        let first = try await h.create("task_definition.worker", config)
        try await h.delete("task_definition.worker", first.id)
        let secrets = try await h.orchestrator.listSecrets(ListSecretsRequest())
        #expect(secrets.SecretList.isEmpty)
    }

    @Test func importByFamilyRevision() async throws {
        let h = try Harness()
        let created = try await h.create("task_definition.worker", config)
        let imported = try await h.provider.importResource(ImportResourceRequest(address: h.address("task_definition.worker"), id: "demo-worker:1"))
        #expect(imported.id == created.id)
        #expect(imported.attributes?["revision"] == .int(1))
    }
}
