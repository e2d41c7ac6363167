/// A string value holding `${...}` references to other resources. Variables are already
/// substituted by the loader; only references to resource attributes remain, because
/// those are known only from state or after apply.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case reference(Reference)
        /// A literal that came from a sensitive variable: keeps the result sensitive.
        case sensitiveLiteral(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// Exactly one `${...}` and nothing else: the result keeps the referenced value's type.
    public var isWholeReference: Bool {
        if parts.count == 1, case .reference = parts[0] { return true }
        return false
    }

    public var references: [Reference] {
        parts.compactMap { if case .reference(let r) = $0 { return r } else { return nil } }
    }

    public var isSensitive: Bool {
        parts.contains { if case .sensitiveLiteral = $0 { return true } else { return false } }
    }
}

/// `${TYPE.NAME.ATTRIBUTE.PATH}`: a resource attribute, with the place it was written.
public struct Reference: Sendable, Hashable, CustomStringConvertible {
    public var address: ResourceAddress
    /// The attribute and any dotted path into it, e.g. `["load_balancer", "listener_port"]`.
    public var path: [String]
    public var range: SourceRange

    public init(address: ResourceAddress, path: [String], range: SourceRange) {
        self.address = address
        self.path = path
        self.range = range
    }

    public var description: String { ([address.type, address.name] + path).joined(separator: ".") }
}
