/// What a configuration value must look like. The loader decodes every resource against its
/// type's shape, which also answers which attributes a reference or `ignore_changes` may name.
indirect enum Shape: Sendable {
    /// Text; `nonEmpty` refuses "".
    case string(nonEmpty: Bool)
    /// Text matching the name pattern `[a-zA-Z][a-zA-Z0-9_-]{0,254}` once variables are in.
    case name
    /// A whole number within the bounds.
    case integer(min: Int?, max: Int?)
    case bool
    /// One of a fixed set of words.
    case oneOf([String])
    /// A list of text.
    case stringList(nonEmpty: Bool)
    /// Map of text to text; numbers and booleans are written as text (tags, environment).
    case scalarMap
    /// Map of text to text, every value sensitive (container secrets).
    case secretMap
    case list(Shape, nonEmpty: Bool)
    case object(ObjectShape)
    /// Anything (an output's value).
    case any

    /// "a whole number", "one of `ec2`, `fargate`": for "expected ..." messages.
    var expectation: String {
        switch self {
        case .string(let nonEmpty): return nonEmpty ? "non-empty text" : "text"
        case .name: return "a name (letters, digits, `_` and `-`, starting with a letter)"
        case .integer(let lo, let hi):
            switch (lo, hi) {
            case let (l?, h?): return "a whole number from \(l) to \(h)"
            case let (l?, nil): return "a whole number of at least \(l)"
            case let (nil, h?): return "a whole number of at most \(h)"
            default: return "a whole number"
            }
        case .bool: return "`true` or `false`"
        case .oneOf(let words): return "one of " + words.map { "`\($0)`" }.joined(separator: ", ")
        case .stringList: return "a list of text"
        case .scalarMap, .secretMap: return "a mapping of names to text"
        case .list(let s, _):
            if case .object(let o) = s { return "a list of \(o.what)s" }
            return "a list"
        case .object(let o): return "a mapping (\(o.what))"
        case .any: return "a value"
        }
    }

    /// Whether a `${...}` reference to another resource may stand for the whole value.
    var acceptsReference: Bool {
        switch self {
        case .object, .list: return false
        default: return true
        }
    }
}

/// A mapping with known keys, each with a default or required.
final class ObjectShape: Sendable {
    /// What it is called in messages: "service", "container", "port mapping".
    let what: String
    let fields: [Field]
    private let index: [String: Int]
    /// Names of the fields that end up in the attribute tree.
    let attributeNames: [String]

    init(_ what: String, _ fields: [Field]) {
        self.what = what
        self.fields = fields
        precondition(fields.count <= 64, "decodeObject tracks fields in a 64-bit mask")
        self.index = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.attributeNames = fields.filter { !$0.isMeta }.map(\.name)
    }

    subscript(name: String) -> Field? { index(of: name).map { fields[$0] } }

    /// The field's position; a linear scan, faster than hashing for these few short keys.
    func index(of name: String) -> Int? {
        if fields.count > 24 { return index[name] }
        for i in fields.indices where fields[i].name == name { return i }
        return nil
    }
}

struct Field: Sendable {
    enum Presence: Sendable {
        case required
        /// The default when absent (or written as null).
        case optional(Value)
        /// Filled in after decoding, because the default depends on other fields.
        case computed
        /// `depends_on`, `lifecycle`: read by the loader, not part of the attribute tree.
        case meta
    }

    var name: String
    var shape: Shape
    var presence: Presence

    init(_ name: String, _ shape: Shape, _ presence: Presence) {
        self.name = name
        self.shape = shape
        self.presence = presence
    }

    var isMeta: Bool { if case .meta = presence { return true } else { return false } }
}
