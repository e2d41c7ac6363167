import Foundation

/// Where state lives (Terraform's statemgr.Full, folded into one small protocol): load the
/// last persisted state, persist a new one, take the lock, and hash secrets with the key that
/// belongs to this state. `FileStateStore` and `InMemoryStateStore` implement it.
public protocol StateStore: Sendable {
    /// The last persisted state, or nil when there is none yet.
    func load() async throws -> State?
    /// Writes `state` as is (the caller sets `serial`). Atomic: a reader sees the old or the new state.
    func persist(_ state: State) async throws
    /// Takes the write lock for `operation`; waits up to `timeout` while another holder has it,
    /// then fails naming the holder.
    func lock(operation: String, timeout: Duration) async throws -> any StateLock
    /// The hasher for sensitive values, with this state's key (created on first use).
    func sensitiveHasher() throws -> SensitiveHasher
    /// Where the state is, for messages.
    var location: String { get }
}

/// A held lock. `release()` is idempotent.
public protocol StateLock: Sendable {
    var info: LockInfo { get }
    func release()
}

/// Who holds the lock, written into the lock file so a second writer can name them.
public struct LockInfo: Sendable, Hashable, Codable {
    public var id: String
    public var operation: String
    public var who: String
    public var host: String
    public var pid: Int32
    public var time: Date

    public init(id: String = UUID().uuidString.lowercased(), operation: String, who: String, host: String, pid: Int32, time: Date) {
        self.id = id
        self.operation = operation
        self.who = who
        self.host = host
        self.pid = pid
        self.time = time
    }

    /// The calling process.
    public static func current(operation: String) -> LockInfo {
        let env = ProcessInfo.processInfo.environment
        return LockInfo(operation: operation,
                        who: env["USER"] ?? env["LOGNAME"] ?? "uid \(getuid())",
                        host: ProcessInfo.processInfo.hostName,
                        pid: getpid(), time: Date())
    }

    /// "alice on build-1 (pid 4242), running apply since 2026-11-21T10:02:11Z"
    public var holderDescription: String {
        "\(who) on \(host) (pid \(pid)), running \(operation) since \(ISO8601DateFormatter().string(from: time))"
    }
}
