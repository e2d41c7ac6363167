import StackConfig

/// Small, total accessors for reading canonical attribute trees. Missing or mistyped values
/// fall back to the documented default instead of trapping: the engine has already checked
/// configuration, and a provider must never crash on what a user (or state) hands it.
extension Dictionary where Key == String, Value == StackConfig.Value {
    func string(_ key: String) -> String? { self[key]?.unmarked.stringValue }
    func int(_ key: String) -> Int? { self[key]?.unmarked.intValue }
    func bool(_ key: String) -> Bool? { self[key]?.unmarked.boolValue }
    func map(_ key: String) -> [String: StackConfig.Value]? { self[key]?.mapValue }
    func list(_ key: String) -> [StackConfig.Value]? { self[key]?.listValue }
    /// Sets `key` to `value` unless it already holds an equal one. Normalizing a tree that is
    /// already in canonical form (as configuration mostly is) then writes nothing, so the
    /// dictionary it started from is returned as it is rather than copied.
    mutating func setIfChanged(_ key: String, _ value: StackConfig.Value?) {
        if self[key] != value { self[key] = value }
    }
    /// Sets `key` to `transform` of its value (`absent` when it has none), with one lookup,
    /// writing only when that changes it (see `setIfChanged`).
    mutating func update(_ key: String, absent: StackConfig.Value, _ transform: (StackConfig.Value) -> StackConfig.Value = { $0 }) {
        let current = self[key]
        let new = transform(current ?? absent)
        if current != new { self[key] = new }
    }

    /// As `update(_:absent:_:)`, with `null` counting as absent: `replacement` stands for
    /// either, and `transform` only sees other values.
    mutating func update(_ key: String, orNull replacement: StackConfig.Value, _ transform: (StackConfig.Value) -> StackConfig.Value = { $0 }) {
        let current = self[key]
        let new: StackConfig.Value
        switch current {
        case nil, .null?: new = replacement
        case let v?: new = transform(v)
        }
        if current != new { self[key] = new }
    }

    func strings(_ key: String) -> [String] { (self[key]?.unmarked.listValue ?? []).compactMap(\.stringValue) }
    /// A map of string to string (tags, environment, attributes); non-strings are rendered.
    func stringMap(_ key: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in self[key]?.unmarked.mapValue ?? [:] { out[k] = v.plainText }
        return out
    }
}

extension Value {
    /// The value as text, for places the orchestrator wants strings (tags, attributes).
    var plainText: String {
        switch self.unmarked {
        case .string(let s): return s
        case .number(let n): return n.rounded() == n && abs(n) < 9e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        default: return unmarked.canonicalJSON
        }
    }

    static func strings(_ xs: [String]) -> Value { .list(xs.map(Value.string)) }
    static func stringMap(_ m: [String: String]) -> Value { .map(m.mapValues(Value.string)) }
    static func optionalInt(_ i: Int?) -> Value { i.map { .int($0) } ?? .null }
    static func optionalString(_ s: String?) -> Value { s.map(Value.string) ?? .null }

    /// Numbers written as strings ("512") become numbers; anything else is kept.
    var numberNormalized: Value {
        if case .string(let s) = self, let d = Double(s) { return .number(d) }
        return self
    }
}
