import Foundation
import StackConfig

/// The state file format: reads every version this build knows (upgrading older ones in
/// order) and writes the newest. The Codable types of each version are private to it, so
/// the in-memory `State` can change without changing what is on disk.
public enum StateFile {
    public static let currentVersion = 1

    /// The file's bytes. Sensitive values become keyed hashes here, so plain text never reaches disk.
    public static func encode(_ state: State, hasher: SensitiveHasher) -> Data {
        StateV1Writer.encode(state, hasher: hasher)
    }

    /// Parses a state file; `path` is only for messages.
    public static func decode(_ data: Data, path: String) throws -> State {
        let root = try parseRoot(data, path: path)
        switch root["format_version"]?.intValue {
        case 1?:
            return try StateV1.decode(root, path: path)
        case let v?:
            if v > currentVersion {
                throw EngineError("\(path): state format_version \(v) was written by a newer ecsform (this one reads up to \(currentVersion)); upgrade ecsform")
            }
            throw EngineError("\(path): unknown state format_version \(v)")
        case nil:
            throw EngineError("\(path): not an ecsform state file (no format_version)")
        }
    }

    /// The top-level object.
    static func parseRoot(_ data: Data, path: String) throws -> [String: Value] {
        let root: Value
        do { root = try JSONReader.parse(data, path: path) } catch let e as EngineError {
            throw EngineError("\(e.message) — the state file is not valid JSON; restore it from \(path).backup")
        }
        guard case .map(let m) = root else {
            throw EngineError("\(path): not an ecsform state file (not a JSON object)")
        }
        return m
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let c): return c.debugDescription
            case .keyNotFound(let k, let c): return "missing \(k.stringValue) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
            case .typeMismatch(_, let c): return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
            case .valueNotFound(_, let c): return "missing value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
            @unknown default: return "\(e)"
            }
        }
        return "\(error)"
    }
}
