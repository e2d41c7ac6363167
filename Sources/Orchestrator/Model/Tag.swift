/// A resource tag, `{key, value}` as ECS spells it.
public struct Tag: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) { self.key = key; self.value = value }
}

/// A name/value pair (container environment, cluster settings).
public struct KeyValuePair: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) { self.name = name; self.value = value }
}
