#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension YAMLParser {
    /// Reads and parses the file at `path`; marks and errors name it as `path`.
    ///
    /// Synchronous: one local read of a file that `limits.maxFileSize` bounds, checked with
    /// `fstat` before reading so an oversized file is refused without loading it.
    public static func parse(contentsOf path: String, limits: Limits = .default) throws(YAMLError) -> Node? {
        try parse(readFile(path, limit: limits.maxFileSize), file: path, limits: limits)
    }

    /// The bytes of a file, or a `YAMLError` at `path:1:1` saying why not.
    static func readFile(_ path: String, limit: Int) throws(YAMLError) -> [UInt8] {
        let start = Mark(file: path, line: 1, column: 1, offset: 0)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw YAMLError(mark: start, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw YAMLError(mark: start, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw YAMLError(mark: start, message: "is a directory, not a YAML file")
        }
        let size = Int(info.st_size)
        if size > limit {
            throw YAMLError(mark: start, message: "file is \(size) bytes, more than the \(limit)-byte limit; split it into several stack files")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file may have grown since fstat; read on in chunks up to the limit.
                if bytes.count >= limit + 1 { break }
                bytes.append(contentsOf: repeatElement(0, count: min(64 << 10, limit + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                read(fd, buf.baseAddress.map { $0 + filled }, buf.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw YAMLError(mark: start, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        if filled > limit {
            throw YAMLError(mark: start, message: "file is more than the \(limit)-byte limit; split it into several stack files")
        }
        return bytes
    }
}
