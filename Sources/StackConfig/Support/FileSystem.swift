import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// The little file access the loader needs, with errors phrased for users.
enum FileSystem {
    enum Kind { case missing, directory, file, other }

    static func kind(of path: String) -> Kind {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return .missing }
        if isDir.boolValue { return .directory }
        return .file
    }

    /// Names of the entries of a directory, sorted; nil with a reason when it cannot be listed.
    static func list(_ path: String) -> Result<[String], FileError> {
        do {
            return .success(try FileManager.default.contentsOfDirectory(atPath: path).sorted())
        } catch {
            return .failure(FileError(message: "cannot list the directory: \(reason(error))"))
        }
    }

    /// A file's bytes, refusing files over `limit` before reading them. Read with `read(2)`
    /// straight into the array: no `Data` in between to copy from.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let why = FileManager.default.isReadableFile(atPath: path) ? "it could not be opened" : "permission denied"
            return .failure(FileError(message: "cannot read the file: \(why)"))
        }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        if size > limit {
            return .failure(FileError(message: "the file is \(size) bytes, more than the \(limit)-byte limit; split it into several stack files"))
        }
        // One byte more than the size, so a file that grew since `fstat` shows as not ended.
        var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if bytes.count > limit { break }
                bytes.append(contentsOf: repeatElement(0, count: min(64 << 10, limit + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(message: "cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            filled += n
        }
        if filled > limit {
            return .failure(FileError(message: "the file is more than the \(limit)-byte limit; split it into several stack files"))
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    /// The file's size in bytes, 0 when it cannot be read (only used to order work).
    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func isRegularFileOrLink(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    struct FileError: Error {
        var message: String
    }
}
