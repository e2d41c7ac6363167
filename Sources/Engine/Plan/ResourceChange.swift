import StackConfig

/// The planned change to one resource (Terraform's ResourceInstanceChange).
public struct ResourceChange: Sendable, Hashable {
    public var address: ResourceAddress
    public var action: Action
    /// The object as refreshed (nil for a create).
    public var before: [String: Value]?
    /// The object as planned (nil for a delete); `.unknown` where only apply can tell.
    public var after: [String: Value]?
    /// Top-level attributes that change.
    public var changedAttributes: [String]
    /// For a replacement: the attributes that force it.
    public var replaceBecause: [String]
    /// The new object is made before the old one is deleted (immutable types).
    public var createBeforeDestroy: Bool
    /// What the provider calls a replacement of this type ("new revision"), if anything.
    public var replacementNoun: String?
    /// The id of the object in state (nil for a create).
    public var priorID: String?
    /// Set when this deletes an older object left deposed by a create-before-destroy replacement.
    public var deposedID: String?
    /// For creates and updates, the configuration's dependencies; for deletes, state's.
    public var dependencies: [ResourceAddress]

    public init(address: ResourceAddress, action: Action, before: [String: Value]?, after: [String: Value]?,
                changedAttributes: [String] = [], replaceBecause: [String] = [], createBeforeDestroy: Bool = false,
                replacementNoun: String? = nil, priorID: String? = nil, deposedID: String? = nil,
                dependencies: [ResourceAddress] = []) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.changedAttributes = changedAttributes
        self.replaceBecause = replaceBecause
        self.createBeforeDestroy = createBeforeDestroy
        self.replacementNoun = replacementNoun
        self.priorID = priorID
        self.deposedID = deposedID
        self.dependencies = dependencies
    }

    public var type: String { address.type }
}
