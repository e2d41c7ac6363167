import Foundation

/// Whole-file replacement that a crash cannot tear: write a temporary file in the same
/// directory, fsync it, keep the old file as a hard-linked backup, rename over, fsync the directory.
/// `createOnce` makes a file that must never be replaced (a key) the same way, linking instead.
enum AtomicFile {
    static func write(_ data: Data, to path: String, backup: String?) throws {
        try data.withUnsafeBytes { try write($0, to: path, backup: backup) }
    }

    /// As `write(_:to:backup:)`, from bytes the caller owns (no copy into a `Data`).
    static func write(_ data: UnsafeRawBufferPointer, to path: String, backup: String?) throws {
        let directory = try directory(of: path)
        let tmp = try temporaryCopy(data, of: path, in: directory, mode: 0o644)
        if let backup {
            // The backup is a second name for the current file's inode: O(1), and the rename
            // below leaves it holding the previous version.
            unlink(backup)
            if link(path, backup) != 0, errno != ENOENT {
                try? FileManager.default.copyItem(atPath: path, toPath: backup)
            }
        }
        guard rename(tmp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw EngineError("\(path): cannot replace the file: \(message)")
        }
        syncDirectory(directory)
    }

    /// Creates `path` holding `data` unless it already exists, without ever showing it
    /// half-written (a process killed while writing the file in place left it empty): the
    /// bytes go to a temporary file, fsynced, which is then hard-linked to `path` — link(2)
    /// fails when the name exists. Returns false when another process created it first.
    static func createOnce(_ data: Data, at path: String, mode: mode_t) throws -> Bool {
        let directory = try directory(of: path)
        let tmp = try data.withUnsafeBytes { try temporaryCopy($0, of: path, in: directory, mode: mode) }
        defer { unlink(tmp) }
        guard link(tmp, path) == 0 else {
            if errno == EEXIST { return false }
            throw EngineError("\(path): cannot create: \(String(cString: strerror(errno)))")
        }
        syncDirectory(directory)
        return true
    }

    /// The directory `path` is in, made if missing.
    private static func directory(of path: String) throws -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let directory = dir.isEmpty ? "." : dir
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw EngineError("\(directory): cannot create the directory for \(path): \(error.localizedDescription)")
            }
        }
        return directory
    }

    /// A new temporary file beside `path` holding `data`, fsynced (removed again on failure).
    private static func temporaryCopy(_ data: UnsafeRawBufferPointer, of path: String, in directory: String,
                                      mode: mode_t) throws -> String {
        let name = (path as NSString).lastPathComponent
        let tmp = (directory as NSString).appendingPathComponent(".\(name).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw EngineError("\(tmp): cannot create: \(String(cString: strerror(errno)))") }
        do {
            try writeAll(fd: fd, data, path: tmp)
            guard fsync(fd) == 0 else { throw EngineError("\(tmp): fsync failed: \(String(cString: strerror(errno)))") }
            close(fd)
            return tmp
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
    }

    private static func syncDirectory(_ directory: String) {
        let dfd = open(directory, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    static func writeAll(fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { try writeAll(fd: fd, $0, path: path) }
    }

    static func writeAll(fd: Int32, _ buf: UnsafeRawBufferPointer, path: String) throws {
        guard let base = buf.baseAddress else { return }
        var offset = 0
        while offset < buf.count {
            let n = Foundation.write(fd, base + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw EngineError("\(path): write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
