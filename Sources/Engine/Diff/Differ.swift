import StackConfig

/// Compares attribute trees. Both sides are fingerprinted first (sensitive parts become keyed
/// hashes), so a secret read back from the provider equals the hash in state, and a changed
/// secret still differs. Number forms and map order cannot differ: `Value` holds doubles and
/// dictionaries.
public struct Differ: Sendable {
    public let hasher: SensitiveHasher
    public init(hasher: SensitiveHasher) { self.hasher = hasher }

    /// True when the values are the same once secrets are hashed. Anything unknown differs.
    /// Sensitivity marks themselves do not count: a secret a provider reads back unmarked
    /// equals the marked (or hashed) value in configuration and state.
    public func equal(_ a: Value?, _ b: Value?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return same(a, b)
    }

    /// One walk over both trees (this runs for every attribute of every resource in a plan):
    /// false at any unknown part, keyed hashes where either side is sensitive, `==` elsewhere.
    /// A `true` answer has visited every node of both, so no unknown part can hide in it.
    private func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.unknown, _), (_, .unknown), (.template, _), (_, .template):
            return false
        case (.sensitive, _), (_, .sensitive):
            guard a.isFullyKnown, b.isFullyKnown else { return false }
            return hasher.digest(a) == hasher.digest(b)
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x {
                guard let w = y[k], same(v, w) else { return false }
            }
            return true
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !same(x[i], y[i]) { return false }
            return true
        default:
            return a == b
        }
    }

    /// Top-level attributes of `after` (only those, so computed attributes absent from
    /// configuration never show as changes) whose value differs from `before`.
    public func changedAttributes(before: [String: Value], after: [String: Value]) -> [String] {
        after.compactMap { equal(before[$0.key], $0.value) ? nil : $0.key }.sorted()
    }

    /// `changedAttributes` over the attributes of `after` not in `excluding` (computed ones),
    /// without copying `after` to leave them out.
    public func changedAttributes(before: [String: Value], after: [String: Value], excluding: Set<String>) -> [String] {
        after.compactMap { excluding.contains($0.key) || equal(before[$0.key], $0.value) ? nil : $0.key }.sorted()
    }

    /// Every differing leaf, for display and drift reports. Maps are compared key by key,
    /// lists of equal length element by element; a sensitive or unknown value is one leaf.
    public func differences(before: Value?, after: Value?, path: [String] = []) -> [AttributeDifference] {
        var out: [AttributeDifference] = []
        collect(before, after, path, into: &out)
        return out
    }

    /// Leaf differences over the given top-level keys.
    public func differences(before: [String: Value], after: [String: Value], keys: [String]) -> [AttributeDifference] {
        var out: [AttributeDifference] = []
        for k in keys.sorted() { collect(before[k], after[k], [k], into: &out) }
        return out
    }

    private func collect(_ a: Value?, _ b: Value?, _ path: [String], into out: inout [AttributeDifference]) {
        if equal(a, b) { return }
        switch (a, b) {
        case (.map(let x)?, .map(let y)?):
            for k in Set(x.keys).union(y.keys).sorted() { collect(x[k], y[k], path + [k], into: &out) }
        case (.list(let x)?, .list(let y)?) where x.count == y.count:
            for i in x.indices { collect(x[i], y[i], path + [String(i)], into: &out) }
        default:
            out.append(AttributeDifference(path: path.joined(separator: "."), before: a, after: b))
        }
    }
}
