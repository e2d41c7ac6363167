import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct LockTests {
    @Test func secondWriterFailsAtOnceNamingTheHolder() async throws {
        let h = Harness()
        let held = try await h.engine.lockState(operation: "apply")
        defer { held.release() }
        let other = FileStateStore(path: h.statePath, environment: [:])
        do {
            _ = try await other.lock(operation: "plan", timeout: .zero)
            Issue.record("the second lock should fail")
        } catch let e as EngineError {
            #expect(e.message.contains("locked by"))
            #expect(e.message.contains("pid \(getpid())"))
            #expect(e.message.contains("apply"))
            #expect(e.message.contains("--lock-timeout"))
        }
    }

    @Test func lockTimeoutWaitsForTheHolder() async throws {
        let h = Harness()
        let held = try await h.engine.lockState(operation: "apply")
        let other = FileStateStore(path: h.statePath, environment: [:])
        async let second = other.lock(operation: "plan", timeout: .seconds(60))
        try await Task.sleep(for: .milliseconds(100))
        held.release()
        let lock = try await second
        #expect(lock.info.operation == "plan")
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: h.store.lockPath))
    }

    @Test func staleLockFromADeadProcessIsBrokenWithAWarning() async throws {
        let warnings = WarningBox()
        let h = Harness(warn: { warnings.add($0) })
        // A lock file left by a process that no longer exists (no flock held).
        let dead = LockInfo(operation: "apply", who: "ghost", host: ProcessInfo.processInfo.hostName,
                            pid: 999_999, time: Date(timeIntervalSince1970: 0))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(dead).write(to: URL(fileURLWithPath: h.store.lockPath))
        let lock = try await h.engine.lockState(operation: "plan")
        defer { lock.release() }
        let messages = warnings.all
        #expect(messages.count == 1)
        #expect(messages.first?.contains("ghost") == true)
        #expect(messages.first?.contains("process 999999 is gone") == true)
    }

    @Test func inMemoryStoreLocksToo() async throws {
        let store = InMemoryStateStore()
        let a = try await store.lock(operation: "apply", timeout: .zero)
        await #expect(throws: EngineError.self) { _ = try await store.lock(operation: "apply", timeout: .zero) }
        a.release()
        let b = try await store.lock(operation: "apply", timeout: .zero)
        b.release()
    }
}

final class WarningBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}
