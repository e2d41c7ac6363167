import Engine
import Orchestrator
import StackConfig

/// One resource type of the LocalProvider: its schema, its canonical form and its
/// translation to and from orchestrator actions. Attribute trees are the canonical trees
/// of docs/resource-attributes.md; ids are the orchestrator ARNs.
protocol ResourceAdapter: Sendable {
    var schema: ResourceSchema { get }
    /// Config → canonical form (defaults, sorting, number forms). Keeps unknown/sensitive marks.
    func normalize(_ attributes: [String: Value]) -> [String: Value]
    /// The live object in canonical form, or nil when it is gone.
    func read(id: String, prior: [String: Value]) async throws -> [String: Value]?
    /// The kind of object `request(id:into:)` asks the batch for (its fingerprints are keyed by it).
    var readKind: BatchReadKey.Kind { get }
    /// Adds the lookups `read(id:prior:from:)` needs to `batch` (throws for an id it cannot read).
    func request(id: String, into batch: inout BatchReadRequest) throws
    /// What `read(id:prior:)` returns, from the answer to a batch holding `request(id:into:)`'s lookups.
    func read(id: String, prior: [String: Value], from batch: BatchReadResponse) throws -> [String: Value]?
    func create(address: ResourceAddress, attributes: [String: Value]) async throws -> (id: String, attributes: [String: Value])
    func update(id: String, prior: [String: Value], planned: [String: Value], changed: [String]) async throws -> [String: Value]
    /// Deleting what is already gone succeeds.
    func delete(id: String, prior: [String: Value]) async throws
    /// Accepts an ARN or a name (see each adapter); nil when there is no such object.
    func importResource(id: String) async throws -> (id: String, attributes: [String: Value])?
}

extension ResourceAdapter {
    /// Every attribute may be named by references (`${service.web.load_balancer.listener_port}`),
    /// the computed ones included.
    static func attributes(_ names: [String], forcing: Set<String>, computed: [String]) -> [String: AttributeSchema] {
        var out: [String: AttributeSchema] = [:]
        for n in names { out[n] = AttributeSchema(forcesReplacement: forcing.contains(n), referenceable: true) }
        for c in computed { out[c] = AttributeSchema(computed: true, referenceable: true) }
        return out
    }
}
