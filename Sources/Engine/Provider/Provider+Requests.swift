import Foundation
import StackConfig

// One request/response pair per Provider operation (Terraform's providers.Interface style).

public struct GetSchemaRequest: Sendable { public init() {} }
public struct GetSchemaResponse: Sendable {
    public var schema: ProviderSchema
    public init(schema: ProviderSchema) { self.schema = schema }
}

public struct NormalizeRequest: Sendable {
    public var type: String
    public var attributes: [String: Value]
    public init(type: String, attributes: [String: Value]) {
        self.type = type
        self.attributes = attributes
    }
}
public struct NormalizeResponse: Sendable {
    public var attributes: [String: Value]
    public init(attributes: [String: Value]) { self.attributes = attributes }
}

public struct ReadRequest: Sendable {
    public var address: ResourceAddress
    public var id: String
    /// The attributes state holds (sensitive ones only as keyed hashes).
    public var priorAttributes: [String: Value]
    /// The `privateData` state holds for the object (recorded from an earlier read whose
    /// attributes equalled `priorAttributes`), or nil.
    public var priorPrivate: String?
    public init(address: ResourceAddress, id: String, priorAttributes: [String: Value], priorPrivate: String? = nil) {
        self.address = address
        self.id = id
        self.priorAttributes = priorAttributes
        self.priorPrivate = priorPrivate
    }
    public var type: String { address.type }
}
public struct ReadResponse: Sendable {
    /// nil: the object no longer exists (or, with `unchanged`, was not rebuilt).
    public var attributes: [String: Value]?
    /// Provider-private data to keep with these attributes and hand back as `priorPrivate`
    /// (the LocalProvider: a keyed fingerprint of the rows they were built from). The engine
    /// records it only when the attributes equal what state holds.
    public var privateData: String?
    /// True when the provider found the object exactly as it was when `priorPrivate` was
    /// recorded, so its attributes are `priorAttributes` and were not built again (an ETag
    /// match). `attributes` is then nil and means nothing.
    public var unchanged: Bool
    public init(attributes: [String: Value]?, privateData: String? = nil) {
        self.attributes = attributes
        self.privateData = privateData
        self.unchanged = false
    }
    public static let gone = ReadResponse(attributes: nil)
    /// The object is as `priorPrivate` recorded it.
    public static let unchangedObject: ReadResponse = {
        var r = ReadResponse(attributes: nil)
        r.unchanged = true
        return r
    }()
}

public struct ReadResourcesRequest: Sendable {
    public var resources: [ReadRequest]
    public init(resources: [ReadRequest]) { self.resources = resources }
}
public struct ReadResourcesResponse: Sendable {
    /// One per request item, in the request's order.
    public var results: [Result<ReadResponse, any Error>]
    public init(results: [Result<ReadResponse, any Error>]) { self.results = results }
}

public struct CreateRequest: Sendable {
    public var address: ResourceAddress
    /// Fully known, normalised configuration (sensitive values still marked).
    public var attributes: [String: Value]
    /// The same for every retry of the same create (it hashes the state lineage, the address
    /// and the attributes). A provider that can label objects should record it and, asked to
    /// create with a token a live object already carries, return that object instead of making
    /// another: then a create whose result was lost (the process killed before state was
    /// written) is not duplicated by the next apply.
    public var idempotencyToken: String
    public init(address: ResourceAddress, attributes: [String: Value], idempotencyToken: String = "") {
        self.address = address
        self.attributes = attributes
        self.idempotencyToken = idempotencyToken
    }
    public var type: String { address.type }
}
public struct CreateResponse: Sendable {
    public var id: String
    /// Every attribute, computed ones included, in canonical form.
    public var attributes: [String: Value]
    public init(id: String, attributes: [String: Value]) {
        self.id = id
        self.attributes = attributes
    }
}

public struct UpdateRequest: Sendable {
    public var address: ResourceAddress
    public var id: String
    public var priorAttributes: [String: Value]
    /// The full new configuration (fully known, normalised).
    public var plannedAttributes: [String: Value]
    /// Top-level attributes whose value changes.
    public var changedAttributes: [String]
    public init(address: ResourceAddress, id: String, priorAttributes: [String: Value],
                plannedAttributes: [String: Value], changedAttributes: [String]) {
        self.address = address
        self.id = id
        self.priorAttributes = priorAttributes
        self.plannedAttributes = plannedAttributes
        self.changedAttributes = changedAttributes
    }
    public var type: String { address.type }
}
public struct UpdateResponse: Sendable {
    public var attributes: [String: Value]
    public init(attributes: [String: Value]) { self.attributes = attributes }
}

public struct DeleteRequest: Sendable {
    public var address: ResourceAddress
    public var id: String
    public var priorAttributes: [String: Value]
    public init(address: ResourceAddress, id: String, priorAttributes: [String: Value]) {
        self.address = address
        self.id = id
        self.priorAttributes = priorAttributes
    }
    public var type: String { address.type }
}
public struct DeleteResponse: Sendable { public init() {} }

public struct ImportResourceRequest: Sendable {
    public var address: ResourceAddress
    public var id: String
    public init(address: ResourceAddress, id: String) {
        self.address = address
        self.id = id
    }
    public var type: String { address.type }
}
public struct ImportResourceResponse: Sendable {
    /// nil: there is no such object.
    public var attributes: [String: Value]?
    /// The id to keep in state (providers may canonicalise what the user typed).
    public var id: String
    public init(id: String, attributes: [String: Value]?) {
        self.id = id
        self.attributes = attributes
    }
}

public struct HistoryRequest: Sendable {
    public var address: ResourceAddress
    public var id: String
    public init(address: ResourceAddress, id: String) {
        self.address = address
        self.id = id
    }
    public var type: String { address.type }
}
public struct HistoryResponse: Sendable {
    public var lastChange: ChangeRecord?
    public init(lastChange: ChangeRecord?) { self.lastChange = lastChange }
}

public struct HistoriesRequest: Sendable {
    public var resources: [HistoryRequest]
    public init(resources: [HistoryRequest]) { self.resources = resources }
}
public struct HistoriesResponse: Sendable {
    /// One per request item, in the request's order.
    public var lastChanges: [ChangeRecord?]
    public init(lastChanges: [ChangeRecord?]) { self.lastChanges = lastChanges }
}

/// One change recorded by the system that owns an object (its audit log).
public struct ChangeRecord: Sendable, Hashable, Codable {
    public var time: Date
    public var principal: String
    public var action: String
    public init(time: Date, principal: String, action: String) {
        self.time = time
        self.principal = principal
        self.action = action
    }
}
