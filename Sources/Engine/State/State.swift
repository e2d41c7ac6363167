import Foundation
import StackConfig

/// What ecsform manages, as last recorded: the in-memory model of the state file
/// (Terraform's `states.State`). The file format lives in `StateFile`, storage in `StateStore`.
public struct State: Sendable, Hashable {
    /// Fixed when the state is first created; a plan made against another lineage is refused.
    public var lineage: String
    /// Incremented on every write.
    public var serial: Int
    public var stack: String
    public var resources: [ResourceAddress: ResourceState]
    public var outputs: [String: OutputState]
    /// Older objects replaced create-before-destroy whose deletion has not completed yet;
    /// the next plan deletes them.
    public var deposed: [DeposedObject]

    public init(lineage: String = UUID().uuidString.lowercased(), serial: Int = 0, stack: String,
                resources: [ResourceAddress: ResourceState] = [:], outputs: [String: OutputState] = [:],
                deposed: [DeposedObject] = []) {
        self.lineage = lineage
        self.serial = serial
        self.stack = stack
        self.resources = resources
        self.outputs = outputs
        self.deposed = deposed
    }

    /// Resources sorted by address.
    public var sortedResources: [ResourceState] {
        resources.values.sorted { $0.address < $1.address }
    }

    public subscript(address: ResourceAddress) -> ResourceState? {
        get { resources[address] }
        set { resources[address] = newValue }
    }
}

/// One managed object.
public struct ResourceState: Sendable, Hashable {
    public var address: ResourceAddress
    /// The provider's id for the object (an ARN).
    public var id: String
    /// Every attribute as last read, computed ones included. Sensitive values are `.sensitive`;
    /// after a load from disk they hold keyed hashes (see `SensitiveHasher`), never plain text.
    public var attributes: [String: Value]
    /// What it depended on when last applied: the order a destroy must follow.
    public var dependencies: [ResourceAddress]
    /// Provider-private data (Terraform's `private`): opaque to the engine, handed back to the
    /// provider's next read. The LocalProvider keeps a keyed fingerprint of the object's stored
    /// rows here, so a read of an unchanged object can answer `unchanged` without rebuilding
    /// its attributes. Only ever set together with attributes a read of the same object
    /// compared equal to; anything that changes `attributes` otherwise must clear it.
    public var privateData: String?

    public init(address: ResourceAddress, id: String, attributes: [String: Value],
                dependencies: [ResourceAddress] = [], privateData: String? = nil) {
        self.address = address
        self.id = id
        self.attributes = attributes
        self.dependencies = dependencies
        self.privateData = privateData
    }

    public var type: String { address.type }
}

/// An object replaced by a newer one, waiting to be deleted.
public struct DeposedObject: Sendable, Hashable {
    public var address: ResourceAddress
    public var id: String
    public var attributes: [String: Value]
    public init(address: ResourceAddress, id: String, attributes: [String: Value]) {
        self.address = address
        self.id = id
        self.attributes = attributes
    }
}

/// A stack output as last computed.
public struct OutputState: Sendable, Hashable {
    /// Sensitive outputs hold a keyed hash once loaded from disk.
    public var value: Value
    public var sensitive: Bool
    public init(value: Value, sensitive: Bool) {
        self.value = value
        self.sensitive = sensitive
    }
}
