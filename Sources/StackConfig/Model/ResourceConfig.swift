import YAML

/// One resource as configured: its canonical attribute tree (defaults filled in,
/// variables substituted, references to other resources left as templates).
public struct ResourceConfig: Sendable, Hashable {
    public var address: ResourceAddress
    /// Top-level attributes by name; see docs/resource-attributes.md for each type's tree.
    public var attributes: [String: Value] {
        didSet { templateAttributes = nil }  // whatever was known of the old tree
    }
    /// The top-level attributes that may hold a template (a reference to another resource),
    /// in no particular order; the others hold none. Nil: any may. The loader knows which of
    /// them it found references in, so a plan resolves only those instead of walking every
    /// configured tree; any change to `attributes` forgets it. Not part of equality.
    public internal(set) var templateAttributes: [String]?
    /// Every resource this one must come after: references plus explicit `depends_on`, sorted.
    public var dependencies: [ResourceAddress]
    public var lifecycle: Lifecycle
    /// The resource's key in its stack file.
    public var range: SourceRange
    /// Where each top-level attribute was written (a scalar's value, a block's key), for located
    /// errors later. Deeper places are not recorded: 10,000-resource stacks stay cheap to load.
    public var attributeRanges: [String: SourceRange] {
        get { Dictionary(attributePlaces.map { ($0.name, $0.range) }, uniquingKeysWith: { a, _ in a }) }
        set { attributePlaces = Self.places(newValue) }
    }
    /// The same places, stored compactly: a short array (no hashing, no path per entry).
    /// The loader records them in source order; the public setter in name order.
    var attributePlaces: [AttributePlace]

    public init(address: ResourceAddress, attributes: [String: Value], dependencies: [ResourceAddress] = [],
                lifecycle: Lifecycle = Lifecycle(), range: SourceRange,
                attributeRanges: [String: SourceRange] = [:]) {
        self.address = address
        self.attributes = attributes
        self.dependencies = dependencies
        self.lifecycle = lifecycle
        self.range = range
        self.attributePlaces = Self.places(attributeRanges)
    }

    init(address: ResourceAddress, attributes: [String: Value], lifecycle: Lifecycle, range: SourceRange,
         attributePlaces: [AttributePlace]) {
        self.address = address
        self.attributes = attributes
        self.dependencies = []
        self.lifecycle = lifecycle
        self.range = range
        self.attributePlaces = attributePlaces
    }

    public static func == (a: ResourceConfig, b: ResourceConfig) -> Bool {
        a.address == b.address && a.attributes == b.attributes && a.dependencies == b.dependencies
            && a.lifecycle == b.lifecycle && a.range == b.range && a.attributePlaces == b.attributePlaces
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(attributes)
        hasher.combine(dependencies)
        hasher.combine(lifecycle)
        hasher.combine(range)
        hasher.combine(attributePlaces)
    }

    /// An empty config that allocates nothing: what a moved-out slot holds.
    static var placeholder: ResourceConfig {
        ResourceConfig(address: ResourceAddress(type: "", name: ""), attributes: [:], lifecycle: Lifecycle(),
                       range: SourceRange(file: "", line: 0, column: 0, offset: 0), attributePlaces: [])
    }

    /// The attribute tree as one map value.
    public var value: Value { .map(attributes) }

    private static func places(_ ranges: [String: SourceRange]) -> [AttributePlace] {
        ranges.map { AttributePlace(name: $0.key, range: $0.value) }.sorted { $0.name < $1.name }
    }
}

/// Where one top-level attribute was written.
struct AttributePlace: Sendable, Hashable {
    var name: String
    var file: Interned
    private var line: UInt32
    private var column: UInt32
    private var offset: UInt32

    init(name: String, mark: Mark) {
        self.name = name
        self.file = mark.fileName
        self.line = UInt32(clamping: mark.line)
        self.column = UInt32(clamping: mark.column)
        self.offset = UInt32(clamping: mark.offset)
    }

    init(name: String, range: SourceRange) {
        self.name = name
        self.file = Interned(range.file)
        self.line = UInt32(clamping: range.line)
        self.column = UInt32(clamping: range.column)
        self.offset = UInt32(clamping: range.offset)
    }

    var range: SourceRange {
        SourceRange(file: file.string, line: Int(line), column: Int(column), offset: Int(offset))
    }
}

extension [AttributePlace] {
    /// Where the attribute `name` was written, if it was.
    func range(of name: String) -> SourceRange? {
        for place in self where place.name == name { return place.range }
        return nil
    }
}
