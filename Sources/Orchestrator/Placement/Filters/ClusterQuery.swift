/// A parsed `memberOf` expression in the subset of the ECS cluster query language that
/// ecsform supports: `attribute:NAME == value`, `!=`, `in [a, b]`, `not_in [a, b]`
/// (also `not in`), `exists`, `!exists`, joined with `and`/`&&`, `or`/`||` and parentheses.
/// Values may contain `*` as a wildcard (`attribute:ecs.instance-type == t2.*`).
public indirect enum ClusterQuery: Sendable, Hashable {
    case and(ClusterQuery, ClusterQuery)
    case or(ClusterQuery, ClusterQuery)
    case equals(attribute: String, value: String)
    case notEquals(attribute: String, value: String)
    case isIn(attribute: String, values: [String])
    case notIn(attribute: String, values: [String])
    case exists(attribute: String)
    case notExists(attribute: String)

    /// Whether an instance with these attributes is a member. A missing attribute never
    /// equals anything, so `!=` and `not_in` accept it.
    public func matches(_ attributes: [String: String]) -> Bool {
        switch self {
        case let .and(lhs, rhs): return lhs.matches(attributes) && rhs.matches(attributes)
        case let .or(lhs, rhs): return lhs.matches(attributes) || rhs.matches(attributes)
        case let .equals(name, value):
            guard let actual = attributes[name] else { return false }
            return Self.glob(value, matches: actual)
        case let .notEquals(name, value):
            guard let actual = attributes[name] else { return true }
            return !Self.glob(value, matches: actual)
        case let .isIn(name, values):
            guard let actual = attributes[name] else { return false }
            return values.contains { Self.glob($0, matches: actual) }
        case let .notIn(name, values):
            guard let actual = attributes[name] else { return true }
            return !values.contains { Self.glob($0, matches: actual) }
        case let .exists(name): return attributes[name] != nil
        case let .notExists(name): return attributes[name] == nil
        }
    }

    /// `*` matches any run of characters; everything else is literal.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        guard pattern.contains("*") else { return pattern == text }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(text)
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if !part.isEmpty {
                guard let range = rest.range(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
        }
        return rest.isEmpty
    }
}
