import Foundation

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

    /// A file's bytes, refusing files over `limit` before reading them.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], FileError> {
        if let attrs = try? FileManager.default.attributesOfItem(atPath: path),
           let size = attrs[.size] as? NSNumber, size.intValue > limit {
            return .failure(FileError(message: "the file is \(size.intValue) bytes, more than the \(limit)-byte limit; split it into several stack files"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let why = FileManager.default.isReadableFile(atPath: path) ? "it could not be opened" : "permission denied"
            return .failure(FileError(message: "cannot read the file: \(why)"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            if data.count > limit {
                return .failure(FileError(message: "the file is more than the \(limit)-byte limit; split it into several stack files"))
            }
            return .success([UInt8](data))
        } catch {
            return .failure(FileError(message: "cannot read the file: \(reason(error))"))
        }
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
