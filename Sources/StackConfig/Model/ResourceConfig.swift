/// One resource as configured: its canonical attribute tree (defaults filled in,
/// variables substituted, references to other resources left as templates).
public struct ResourceConfig: Sendable, Hashable {
    public var address: ResourceAddress
    /// Top-level attributes by name; see docs/resource-attributes.md for each type's tree.
    public var attributes: [String: Value]
    /// Every resource this one must come after: references plus explicit `depends_on`, sorted.
    public var dependencies: [ResourceAddress]
    public var lifecycle: Lifecycle
    /// The resource's key in its stack file.
    public var range: SourceRange
    /// Where each top-level attribute was written (a scalar's value, a block's key), for located
    /// errors later. Deeper places are not recorded: 10,000-resource stacks stay cheap to load.
    public var attributeRanges: [String: SourceRange]

    public init(address: ResourceAddress, attributes: [String: Value], dependencies: [ResourceAddress] = [],
                lifecycle: Lifecycle = Lifecycle(), range: SourceRange,
                attributeRanges: [String: SourceRange] = [:]) {
        self.address = address
        self.attributes = attributes
        self.dependencies = dependencies
        self.lifecycle = lifecycle
        self.range = range
        self.attributeRanges = attributeRanges
    }

    /// The attribute tree as one map value.
    public var value: Value { .map(attributes) }
}
