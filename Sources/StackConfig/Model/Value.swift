/// A configuration value: a plain JSON-like tree, plus three marks the engine needs.
/// Every resource's attributes are a tree of these with defaults filled in, which is
/// what the engine diffs.
///
/// Only `sensitive` is indirect: the other payloads are strings, arrays and dictionaries that
/// already live on the heap, so boxing them too cost one allocation per value (a 10,000-resource
/// stack has hundreds of thousands).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Numbers are doubles so `8080` and `8080.0` are the same value; integers up to 2^53 are exact.
    case number(Double)
    case string(String)
    case list([Value])
    case map([String: Value])
    /// Known only after apply (an ARN the orchestrator assigns); plans show `(known after apply)`.
    case unknown
    /// Never shown or stored in plain text; anything computed from it is sensitive too.
    indirect case sensitive(Value)
    /// A string with `${TYPE.NAME.ATTR}` references, resolved once the referenced values are known.
    case template(Template)
}

extension Value {
    public static func int(_ i: Int) -> Value { .number(Double(i)) }

    public var isSensitive: Bool {
        switch self {
        case .sensitive: return true
        case .list(let xs): return xs.contains { $0.isSensitive }
        case .map(let m): return m.values.contains { $0.isSensitive }
        case .template(let t): return t.isSensitive
        default: return false
        }
    }

    /// True when any part is unknown or an unresolved template.
    public var isFullyKnown: Bool {
        switch self {
        case .unknown, .template: return false
        case .sensitive(let v): return v.isFullyKnown
        case .list(let xs): return xs.allSatisfy { $0.isFullyKnown }
        case .map(let m): return m.values.allSatisfy { $0.isFullyKnown }
        default: return true
        }
    }

    /// The value without sensitivity marks (for handing to a provider, never for display).
    public var unmarked: Value {
        switch self {
        case .sensitive(let v): return v.unmarked
        case .list(let xs): return .list(xs.map { $0.unmarked })
        case .map(let m): return .map(m.mapValues { $0.unmarked })
        default: return self
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var intValue: Int? {
        guard case .number(let n) = self, n.rounded() == n, abs(n) < 9.0e15 else { return nil }
        return Int(n)
    }
    public var listValue: [Value]? { if case .list(let l) = self { return l } else { return nil } }
    public var mapValue: [String: Value]? { if case .map(let m) = self { return m } else { return nil } }

    /// Follows a path of map keys and list indices (`["containers", "0", "image"]`).
    public subscript(path path: [String]) -> Value? {
        var current = self
        for key in path {
            switch current {
            case .map(let m):
                guard let next = m[key] else { return nil }
                current = next
            case .list(let xs):
                guard let i = Int(key), xs.indices.contains(i) else { return nil }
                current = xs[i]
            case .sensitive(let inner):
                guard let next = inner[path: [key]] else { return nil }
                current = .sensitive(next)
            default:
                return nil
            }
        }
        return current
    }
}
