/// How one resource type behaves, as its provider declares it. The engine decides
/// update-in-place versus replacement, what `(known after apply)` means and what to hide,
/// from this alone.
public struct ResourceSchema: Sendable, Hashable {
    public var type: String
    /// Top-level attributes by name. Attributes configuration may set and computed ones alike.
    public var attributes: [String: AttributeSchema]
    /// True when the object can never be changed in place (task definitions): every change
    /// is a replacement done create-before-destroy.
    public var immutable: Bool
    /// What a replacement of an immutable object is called in plans ("new revision").
    public var replacementNoun: String?

    public init(type: String, attributes: [String: AttributeSchema], immutable: Bool = false,
                replacementNoun: String? = nil) {
        self.type = type
        self.attributes = attributes
        self.immutable = immutable
        self.replacementNoun = replacementNoun
    }

    /// Attributes references (`${type.name.attr}`) may name.
    public var referenceable: Set<String> {
        Set(attributes.filter { $0.value.referenceable }.map(\.key))
    }

    public var computedAttributes: Set<String> {
        Set(attributes.filter { $0.value.computed }.map(\.key))
    }
}

/// One attribute's behaviour.
public struct AttributeSchema: Sendable, Hashable {
    /// A change to it cannot be made in place: the object is destroyed and created again.
    public var forcesReplacement: Bool
    /// Set by the provider, not by configuration (ids, ARNs, revisions): unknown until created.
    public var computed: Bool
    /// Never shown, and stored in state only as a keyed hash.
    public var sensitive: Bool
    /// References from other resources may name it.
    public var referenceable: Bool

    public init(forcesReplacement: Bool = false, computed: Bool = false, sensitive: Bool = false,
                referenceable: Bool = false) {
        self.forcesReplacement = forcesReplacement
        self.computed = computed
        self.sensitive = sensitive
        self.referenceable = referenceable || computed
    }

    public static let plain = AttributeSchema()
    public static let forcesNew = AttributeSchema(forcesReplacement: true)
    public static let computedValue = AttributeSchema(computed: true)
}

/// Every type a provider manages.
public struct ProviderSchema: Sendable, Hashable {
    public var resourceTypes: [String: ResourceSchema]
    /// True when the provider's reads return `ReadResponse.privateData` that lets a later read
    /// of an unchanged object answer `unchanged`. Apply then re-reads what it created or
    /// updated at the end of its walk, to record that data, so the next plan can use it; a
    /// provider without it is not read again.
    public var fingerprintsReads: Bool
    /// False when the provider ignores `CreateRequest.idempotencyToken` (it finds an object a
    /// lost create made some other way, such as by a tag naming the address): apply then does
    /// not hash every created resource's attributes into a token nobody reads.
    public var usesIdempotencyTokens: Bool
    public init(resourceTypes: [String: ResourceSchema], fingerprintsReads: Bool = false, usesIdempotencyTokens: Bool = true) {
        self.resourceTypes = resourceTypes
        self.fingerprintsReads = fingerprintsReads
        self.usesIdempotencyTokens = usesIdempotencyTokens
    }
    public init(_ schemas: [ResourceSchema], fingerprintsReads: Bool = false, usesIdempotencyTokens: Bool = true) {
        self.resourceTypes = Dictionary(schemas.map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
        self.fingerprintsReads = fingerprintsReads
        self.usesIdempotencyTokens = usesIdempotencyTokens
    }
}
