/// A stack output: a value computed after apply and kept in state (`ecsform output`).
public struct OutputConfig: Sendable, Hashable {
    public var name: String
    public var value: Value
    public var description: String?
    public var sensitive: Bool
    public var dependencies: [ResourceAddress]
    public var range: SourceRange

    public init(name: String, value: Value, description: String? = nil, sensitive: Bool = false,
                dependencies: [ResourceAddress] = [], range: SourceRange) {
        self.name = name
        self.value = value
        self.description = description
        self.sensitive = sensitive
        self.dependencies = dependencies
        self.range = range
    }
}
