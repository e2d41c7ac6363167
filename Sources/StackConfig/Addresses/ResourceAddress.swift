/// A resource's address, `TYPE.NAME` (`service.web`): how plans, state and references name it.
/// The type is a plain string so the engine stays ignorant of what the types mean.
public struct ResourceAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var type: String
    public var name: String

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    /// Parses `TYPE.NAME`; nil when it is not of that shape.
    public init?(parsing text: String) {
        // One scan for the single dot (no array of parts): state files and references parse
        // tens of thousands of addresses.
        let utf8 = text.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex else { return nil }
        let nameStart = utf8.index(after: dot)
        guard nameStart != utf8.endIndex, !utf8[nameStart...].contains(UInt8(ascii: ".")) else { return nil }
        self.init(type: String(text[..<dot]), name: String(text[nameStart...]))
    }

    public var description: String { "\(type).\(name)" }

    /// The name's bytes and the type's length and first byte: equal addresses hash alike, and
    /// the few type words still tell apart a cluster and a service of one name, for about half
    /// the hashing of both strings (plans look addresses up hundreds of thousands of times).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type.utf8.count)
        hasher.combine(type.utf8.first ?? 0)
    }

    public static func < (a: ResourceAddress, b: ResourceAddress) -> Bool {
        (a.type, a.name) < (b.type, b.name)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = ResourceAddress(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a resource address: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
