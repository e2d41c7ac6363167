import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct StateFileTests {
    @Test func roundTripKeepsEverythingButSecrets() async throws {
        let store = InMemoryStateStore()
        let hasher = try store.sensitiveHasher()
        var state = State(serial: 7, stack: "shop")
        state[addr("service.web")] = ResourceState(
            address: addr("service.web"), id: "arn:1",
            attributes: ["desired_count": .int(2), "ratio": .number(0.5), "on": .bool(true), "none": .null,
                         "tags": .map(["a": .string("x\"y\n")]), "ports": .list([.int(80), .int(443)]),
                         "secret": .sensitive(.string("pw"))],
            dependencies: [addr("cluster.main")])
        state.outputs["url"] = OutputState(value: .string("http://x"), sensitive: false)
        state.outputs["token"] = OutputState(value: .string("tok"), sensitive: true)
        state.deposed = [DeposedObject(address: addr("task_definition.app"), id: "td:1", attributes: ["image": .string("a")])]
        let data = StateFile.encode(state, hasher: hasher)
        let back = try StateFile.decode(data, path: "s.json")
        #expect(back.serial == 7)
        #expect(back.lineage == state.lineage)
        #expect(back.stack == "shop")
        #expect(back.deposed == state.deposed)
        let r = try #require(back[addr("service.web")])
        #expect(r.id == "arn:1")
        #expect(r.dependencies == [addr("cluster.main")])
        for key in ["desired_count", "ratio", "on", "none", "tags", "ports"] {
            #expect(r.attributes[key] == state[addr("service.web")]?.attributes[key])
        }
        // The secret comes back as a hash that still compares equal to the plain value...
        let differ = Differ(hasher: hasher)
        #expect(differ.equal(r.attributes["secret"], .sensitive(.string("pw"))))
        #expect(!differ.equal(r.attributes["secret"], .sensitive(.string("other"))))
        #expect(back.outputs["url"]?.value == .string("http://x"))
        #expect(back.outputs["token"]?.sensitive == true)
        #expect(back.outputs["token"]?.value != .string("tok"))
        // ...and never appears in the file.
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"pw\""))
        #expect(!text.contains("tok\""))
    }

    @Test func damagedAndFutureFilesGiveClearErrors() throws {
        #expect(throws: EngineError.self) { try StateFile.decode(Data("{not json".utf8), path: "s.json") }
        do {
            _ = try StateFile.decode(Data(#"{"format_version": 99}"#.utf8), path: "s.json")
            Issue.record("expected an error")
        } catch let e as EngineError {
            #expect(e.message.contains("newer ecsform"))
        }
    }

    @Test func atomicWriteKeepsBackupAndKeyIsPrivate() async throws {
        let h = Harness()
        var s = State(stack: "shop")
        s.serial = 1
        try await h.store.persist(s)
        #expect(!FileManager.default.fileExists(atPath: h.store.backupPath))
        s.serial = 2
        try await h.store.persist(s)
        let backup = try StateFile.decode(Data(contentsOf: URL(fileURLWithPath: h.store.backupPath)), path: "b")
        #expect(backup.serial == 1)
        #expect(try await h.state().serial == 2)
        let attrs = try FileManager.default.attributesOfItem(atPath: h.store.keyPath)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.directory).filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty)
    }

    /// Processes that find no state key make it at once; all must end up with the same key,
    /// and the file is never seen half-written (a reader would refuse it as "not a state key").
    @Test func concurrentFirstUsesAgreeOnOneWholeKey() async throws {
        let dir = NSTemporaryDirectory() + "ecsform-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let digests = try await withThrowingTaskGroup(of: String.self, returning: Set<String>.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try FileStateStore(path: dir + "/s.json", environment: [:]).sensitiveHasher().digest(.string("x"))
                }
            }
            return try await group.reduce(into: []) { $0.insert($1) }
        }
        #expect(digests.count == 1)
        let store = FileStateStore(path: dir + "/s.json", environment: [:])
        #expect(try String(contentsOfFile: store.keyPath, encoding: .utf8).count == 65)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.keyPath)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp.") }.isEmpty)
    }

    @Test func environmentKeyIsUsedInsteadOfAKeyFile() async throws {
        let dir = NSTemporaryDirectory() + "ecsform-key-\(UUID().uuidString)"
        let a = FileStateStore(path: dir + "/s.json", environment: ["ECSFORM_STATE_KEY": "correct horse"])
        let b = FileStateStore(path: dir + "/t.json", environment: ["ECSFORM_STATE_KEY": "correct horse"])
        #expect(try a.sensitiveHasher().digest(.string("x")) == b.sensitiveHasher().digest(.string("x")))
        try await a.persist(State(stack: "s"))
        #expect(!FileManager.default.fileExists(atPath: a.keyPath))
    }

    @Test func secretsNeverReachTheStateFile() async throws {
        let h = Harness()
        let result = try await h.apply(shopStack())
        #expect(result.succeeded)
        let text = try h.stateText()
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("s3cr3t-token"))
        #expect(text.contains("$ecsform_sensitive"))
        // A re-plan still sees the hashed secrets as unchanged, and a changed one as changed.
        let same = try await h.engine.plan(stack: shopStack())
        #expect(!same.hasChanges)
        let changed = try await h.engine.plan(stack: shopStack(password: "swordfish"))
        #expect(h.change(changed, "role.app")?.action == .update)
        #expect(h.change(changed, "role.app")?.changedAttributes == ["password"])
    }
}
