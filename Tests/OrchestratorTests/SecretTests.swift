import Foundation
import GRDB
import Testing
@testable import Orchestrator

@Suite struct SecretTests {
    @Test func lifecycleNeverShowsValues() async throws {
        let h = try Harness()
        let c = try await h.o.createSecret(.init(Name: "db/password", SecretString: "hunter2"))
        #expect(c.ARN == "arn:aws:secretsmanager:local:000000000000:secret:db/password")
        await expectError("ResourceExistsException") { _ = try await h.o.createSecret(.init(Name: "db/password", SecretString: "x")) }
        await expectError("InvalidParameterException") { _ = try await h.o.createSecret(.init(Name: "bad name!", SecretString: "x")) }
        let d = try await h.o.describeSecret(.init(SecretId: c.ARN))
        #expect(d.Name == "db/password")
        let p = try await h.o.putSecretValue(.init(SecretId: "db/password", SecretString: "hunter3"))
        #expect(p.VersionId != c.VersionId)
        let list = try await h.o.listSecrets(.init())
        #expect(list.SecretList.map(\.Name) == ["db/password"])
        for data in [try ECSJSON.encode(d), try ECSJSON.encode(list),
                     try await h.o.perform(action: "ListAuditRecords", input: Data("{}".utf8))] {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("hunter"))
        }
        let audit = try await h.o.listAuditRecords(.init(resourceArn: c.ARN))
        #expect(audit.auditRecords.map(\.action) == ["PutSecretValue", "CreateSecret"])
        #expect(audit.auditRecords[0].request == .object(["SecretId": .string("db/password"), "SecretString": .string("(redacted)")]))
        _ = try await h.o.deleteSecret(.init(SecretId: c.ARN))
        await expectError("ResourceNotFoundException") { _ = try await h.o.describeSecret(.init(SecretId: c.ARN)) }
        await expectError("ResourceNotFoundException") { _ = try await h.o.putSecretValue(.init(SecretId: "nope", SecretString: "x")) }
        await expectError("ResourceNotFoundException") { _ = try await h.o.deleteSecret(.init(SecretId: "nope")) }
    }

    @Test func secretsReachTheContainerEnvironment() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        let s = try await h.o.createSecret(.init(Name: "token", SecretString: "s3cr3t"))
        try await h.taskDefinition(secrets: [SecretReference(name: "API_TOKEN", valueFrom: s.ARN)])
        let t = try await h.o.runTask(.init(taskDefinition: "web")).tasks[0]
        #expect(t.lastStatus == "RUNNING")
        #expect(h.driver.launchedSpecs.last?.containers[0].environment["API_TOKEN"] == "s3cr3t")
        let described = String(decoding: try ECSJSON.encode(try await h.o.describeTasks(.init(tasks: [t.taskArn]))), as: UTF8.self)
        #expect(!described.contains("s3cr3t"))
        // A missing secret makes the task fail to start, as in ECS.
        try await h.taskDefinition("missing", secrets: [SecretReference(name: "X", valueFrom: ARN.secret("absent"))])
        let m = try await h.o.runTask(.init(taskDefinition: "missing")).tasks[0]
        #expect(m.lastStatus == "STOPPED" && m.stopCode == "TaskFailedToStart")
        #expect(m.stoppedReason?.hasPrefix("ResourceInitializationError: unable to pull secrets") == true)
    }

    @Test func encryptedAtRestWithAPrivateKeyFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecsform-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let o = try Orchestrator(directory: dir, principal: "p")
        _ = try await o.createSecret(.init(Name: "k", SecretString: "plain-text-value"))
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("secrets.key").path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("orchestrator.sqlite").path)
        let sealed = try await queue.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM secret WHERE name = 'k'") }
        let bytes = try #require(sealed)
        #expect(bytes.range(of: Data("plain-text-value".utf8)) == nil)
        // Reopening with the same key file decrypts it.
        let again = try Orchestrator(directory: dir, principal: "p")
        let values = try await again.store.read { db in try SecretStore.openAll(db, sealer: again.sealer) }
        #expect(values["k"] == "plain-text-value")
    }
}
