import StackConfig

/// A resource whose real object no longer matches what state recorded
/// ("Objects have changed outside of ecsform").
public struct DriftedResource: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case modified, deleted }
    public var address: ResourceAddress
    public var kind: Kind
    /// Dotted path, state's value (`before`) and the object's value now (`after`).
    public var differences: [AttributeDifference]
    public init(address: ResourceAddress, kind: Kind, differences: [AttributeDifference]) {
        self.address = address
        self.kind = kind
        self.differences = differences
    }
}
