@testable import YAML

/// Parses a string as `t.yaml`.
func parse(_ text: String, limits: Limits = .default) throws(YAMLError) -> Node? {
    try YAMLParser.parse(Array(text.utf8), file: "t.yaml", limits: limits)
}

/// The error parsing `bytes` throws, or nil if it parses.
func parseError(_ bytes: [UInt8], limits: Limits = .default) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(bytes, file: "t.yaml", limits: limits)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, limits: Limits = .default) -> YAMLError? {
    parseError(Array(text.utf8), limits: limits)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct WriteError: Error {}

func writeFile(_ path: String, _ text: String) throws {
    guard let f = fopen(path, "wb") else { throw WriteError() }
    defer { fclose(f) }
    let bytes = Array(text.utf8)
    guard fwrite(bytes, 1, bytes.count, f) == bytes.count else { throw WriteError() }
}

func removeFile(_ path: String) {
    unlink(path)
}
