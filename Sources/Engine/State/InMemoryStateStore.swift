import Foundation

/// A state store in memory, for tests and for tools that never touch disk. Locking behaves
/// like the file store's: a second holder fails at once, or waits up to its timeout.
public final class InMemoryStateStore: StateStore, @unchecked Sendable {
    private let mutex = NSLock()
    private var state: State?
    private var holder: LockInfo?
    private let hasher = SensitiveHasher(key: SensitiveHasher.randomKey())
    /// How many times `persist` ran.
    public private(set) var writes = 0

    public init(state: State? = nil) { self.state = state }

    public var location: String { "(memory)" }

    public func load() async throws -> State? { mutex.withLock { state } }

    public func persist(_ state: State) async throws {
        mutex.withLock {
            self.state = state
            writes += 1
        }
    }

    public func sensitiveHasher() throws -> SensitiveHasher { hasher }

    public func lock(operation: String, timeout: Duration) async throws -> any StateLock {
        let info = LockInfo.current(operation: operation)
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let current: LockInfo? = mutex.withLock {
                if let h = holder { return h }
                holder = info
                return nil
            }
            guard let held = current else { return Handle(store: self, info: info) }
            if ContinuousClock.now >= deadline {
                throw EngineError("the state is locked by \(held.holderDescription); wait for it to finish, or pass --lock-timeout SECONDS to wait")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    fileprivate func unlock(_ id: String) {
        mutex.withLock { if holder?.id == id { holder = nil } }
    }

    final class Handle: StateLock, @unchecked Sendable {
        let store: InMemoryStateStore
        let info: LockInfo
        init(store: InMemoryStateStore, info: LockInfo) {
            self.store = store
            self.info = info
        }
        func release() { store.unlock(info.id) }
    }
}
