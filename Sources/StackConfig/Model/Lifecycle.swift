/// Per-resource rules for how changes are carried out, as Terraform's `lifecycle` block.
public struct Lifecycle: Sendable, Hashable {
    /// Attribute paths never diffed (`["desired_count"]`, `["tags", "owner"]`).
    public var ignoreChanges: [[String]]
    /// A plan that would destroy or replace the resource is refused.
    public var preventDestroy: Bool

    public init(ignoreChanges: [[String]] = [], preventDestroy: Bool = false) {
        self.ignoreChanges = ignoreChanges
        self.preventDestroy = preventDestroy
    }
}
