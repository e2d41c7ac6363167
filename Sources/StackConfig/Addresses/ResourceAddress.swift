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
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(type: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(type).\(name)" }

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
