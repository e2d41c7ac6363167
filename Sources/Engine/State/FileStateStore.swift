import Crypto
import Foundation

/// State in a JSON file (cli.md, "State file"): atomic writes (temporary file in the same
/// directory, fsync, rename, fsync of the directory) keeping the previous version as
/// `PATH.backup`; a lock file `PATH.lock` naming its holder; the key for sensitive-value
/// hashes in `ecsform.state.key` beside it (mode 0600) unless `ECSFORM_STATE_KEY` is set.
///
/// Locking uses `flock(2)` on the lock file, so the kernel releases a lock whose process
/// died. A lock file left behind by such a process is therefore broken automatically, with
/// a warning naming the process that left it — no manual clean-up after a crash or SIGKILL.
public final class FileStateStore: StateStore, @unchecked Sendable {
    public let path: String
    public var location: String { path }
    public var backupPath: String { path + ".backup" }
    public var lockPath: String { path + ".lock" }
    public var keyPath: String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("ecsform.state.key")
    }

    private let environmentKey: String?
    private let warn: @Sendable (String) -> Void
    private let mutex = NSLock()
    private var cachedHasher: SensitiveHasher?
    /// Each resource's encoded line from the last write: an apply rewrites the whole file
    /// many times, re-encoding only what changed. Its hasher never changes once made.
    private let encodingMutex = NSLock()
    private var encodingCache = StateEncodingCache()
    /// The text of the last write, kept for its capacity (under `encodingMutex`).
    private var encoded = ""

    /// `warn` receives messages worth showing the user (a stale lock broken).
    public init(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.path = path
        self.environmentKey = environment["ECSFORM_STATE_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        self.warn = warn
    }

    public func load() async throws -> State? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw EngineError("\(path): cannot read the state file: \(error.localizedDescription)")
        }
        return try StateFile.decode(data, path: path)
    }

    public func persist(_ state: State) async throws {
        let hasher = try sensitiveHasher()
        // Encoded and written under the lock: the text is the store's reused buffer.
        try encodingMutex.withLock {
            StateV1Writer.encode(state, hasher: hasher, cache: &encodingCache, into: &encoded)
            let text = encoded
            let written: Void? = try text.utf8.withContiguousStorageIfAvailable { bytes in
                try AtomicFile.write(UnsafeRawBufferPointer(bytes), to: path, backup: backupPath)
            }
            if written == nil { try AtomicFile.write(Data(text.utf8), to: path, backup: backupPath) }
        }
    }

    public func sensitiveHasher() throws -> SensitiveHasher {
        try mutex.withLock {
            if let h = cachedHasher { return h }
            let h: SensitiveHasher
            if let text = environmentKey {
                h = SensitiveHasher(keyText: text)
            } else {
                h = SensitiveHasher(key: try loadOrCreateKey())
            }
            cachedHasher = h
            return h
        }
    }

    private func loadOrCreateKey() throws -> SymmetricKey {
        for _ in 0..<3 {
            if let text = try? String(contentsOfFile: keyPath, encoding: .utf8) {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let bytes = SensitiveHasher.hexBytes(trimmed), bytes.count == 32 else {
                    throw EngineError("\(keyPath): not a state key (expected 64 hex digits); restore it, or delete it and every secret will plan as changed once")
                }
                return SymmetricKey(data: bytes)
            }
            let key = SensitiveHasher.randomKey()
            let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() } + "\n"
            // Another process made it first: read theirs.
            guard try AtomicFile.createOnce(Data(hex.utf8), at: keyPath, mode: 0o600) else { continue }
            return key
        }
        throw EngineError("\(keyPath): cannot read the state key")
    }

    public func lock(operation: String, timeout: Duration) async throws -> any StateLock {
        try await FileLock.acquire(path: lockPath, info: .current(operation: operation), timeout: timeout,
                                   statePath: path, warn: warn)
    }
}
