import Foundation

/// Any JSON value. Used where a shape is open (audit request bodies, policy documents,
/// the generic `perform` entry) so that redaction and pass-through need no reshaping.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 9.0e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value with every member whose key names a secret replaced by "(redacted)".
    public func redacted(keys: Set<String> = JSONValue.secretKeys) -> JSONValue {
        switch self {
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, v) in o { out[k] = keys.contains(k) ? .string("(redacted)") : v.redacted(keys: keys) }
            return .object(out)
        case .array(let a): return .array(a.map { $0.redacted(keys: keys) })
        default: return self
        }
    }

    /// Member names whose values are secret wherever they appear in a request.
    public static let secretKeys: Set<String> = [
        "SecretString", "SecretBinary", "SecretAccessKey", "SessionToken", "credentialsToken",
    ]
}
