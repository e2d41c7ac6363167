import Foundation

/// The state lock: `flock(2)` on `PATH.lock`, with the holder's `LockInfo` as the file's content.
/// The kernel drops the flock when its process dies, so a lock file that can be flocked but
/// still names a holder was left by a process that died: it is taken over with a warning.
final class FileLock: StateLock, @unchecked Sendable {
    let info: LockInfo
    private let path: String
    private let fd: Int32
    private let mutex = NSLock()
    private var released = false

    private init(info: LockInfo, path: String, fd: Int32) {
        self.info = info
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    func release() {
        mutex.withLock {
            guard !released else { return }
            released = true
            // Unlink while still holding the flock; a waiter that opened the old inode
            // notices the mismatch after locking and retries on the new file.
            unlink(path)
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    static func acquire(path: String, info: LockInfo, timeout: Duration, statePath: String,
                        warn: @Sendable (String) -> Void) async throws -> FileLock {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw EngineError("\(path): cannot open the state lock: \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The file may have been unlinked by the previous holder between our open and flock.
                var mine = stat(), there = stat()
                guard fstat(fd, &mine) == 0, stat(path, &there) == 0,
                      mine.st_ino == there.st_ino, mine.st_dev == there.st_dev else {
                    close(fd)
                    continue
                }
                if let stale = readInfo(fd: fd) {
                    let alive = stale.host == info.host && kill(stale.pid, 0) == 0
                    let why = stale.host == info.host
                        ? (alive ? "its process no longer holds it" : "process \(stale.pid) is gone")
                        : "no process holds it any more"
                    warn("broke a stale state lock left by \(stale.holderDescription): \(why). Check that the state at \(statePath) is what you expect (ecsform state list).")
                }
                ftruncate(fd, 0)
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .iso8601
                encoder.outputFormatting = [.sortedKeys]
                let data = (try? encoder.encode(info)) ?? Data()
                _ = try? AtomicFile.writeAll(fd: fd, data + Data("\n".utf8), path: path)
                fsync(fd)
                return FileLock(info: info, path: path, fd: fd)
            }
            let holder = readInfo(fd: fd)
            close(fd)
            if ContinuousClock.now >= deadline {
                let who = holder?.holderDescription ?? "another process (its lock file is still being written)"
                throw EngineError("the state \(statePath) is locked by \(who). Wait for it to finish, or pass --lock-timeout SECONDS to wait for it.")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func readInfo(fd: Int32) -> LockInfo? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LockInfo.self, from: Data(buffer[0..<n]))
    }
}
