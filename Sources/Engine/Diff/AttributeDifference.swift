import StackConfig

/// One leaf that differs between two attribute trees: `path` is dotted
/// (`desired_count`, `tags.owner`, `containers.0.image`); a missing side is nil.
public struct AttributeDifference: Sendable, Hashable {
    public var path: String
    public var before: Value?
    public var after: Value?
    public init(path: String, before: Value?, after: Value?) {
        self.path = path
        self.before = before
        self.after = after
    }
    /// The top-level attribute the path is in.
    public var attribute: String {
        path.split(separator: ".", maxSplits: 1).first.map(String.init) ?? path
    }
}
