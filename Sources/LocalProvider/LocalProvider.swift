import Engine
import Foundation
import Orchestrator
import StackConfig

/// The `Provider` over ecsform's embedded orchestrator: cluster (with its container
/// instances), task_role, task_definition (immutable revisions) and service.
///
/// Ids are the orchestrator's ARNs. `importResource` also accepts names: a cluster or role
/// name, `family:revision` (or just `family`, meaning its newest ACTIVE revision) for task
/// definitions, and `cluster/name` for services.
///
/// Crash safety: an apply killed after the orchestrator made an object but before state
/// recorded it must not leave a duplicate behind. Every object ecsform creates is tagged
/// `ecsform:address=<address>`, and each create first looks for an object it made earlier:
/// a cluster of that name (CreateCluster is idempotent; its container instances are counted,
/// not appended), a role of that name carrying the tag, a service of that name in the cluster
/// carrying the tag (looked for only when CreateService says the name is taken), a task definition revision of the family carrying the tag and the same
/// content hash (`ecsform:content`, keyed with the provider key). Such an object is adopted
/// and brought to the configuration instead of creating a second one.
public struct LocalProvider: Provider {
    public let orchestrator: Orchestrator
    let adapters: [String: any ResourceAdapter]
    /// Keys the fingerprints of batch reads (kept in state as provider data): derived from the
    /// identity key and a version, which changes whenever what an adapter builds its attributes
    /// from or how changes, so fingerprints recorded by an older build never match.
    let fingerprintKey: Data
    static let fingerprintVersion = "ecsform-local-read-fingerprint-1"

    /// `identityKey` keys the content hashes put on task definitions (which cover secret
    /// values, so they must not be plain hashes). Use `open(directory:)` for the CLI.
    public init(orchestrator: Orchestrator, identityKey: String, steadyStateTimeout: Duration = .seconds(600)) {
        self.orchestrator = orchestrator
        let hasher = SensitiveHasher(keyText: identityKey)
        self.fingerprintKey = Data(hasher.digest(.string(Self.fingerprintVersion)).utf8)
        let list: [any ResourceAdapter] = [
            ClusterAdapter(orchestrator: orchestrator),
            TaskRoleAdapter(orchestrator: orchestrator),
            TaskDefinitionAdapter(orchestrator: orchestrator, hasher: hasher),
            ServiceAdapter(orchestrator: orchestrator, steadyStateTimeout: steadyStateTimeout),
        ]
        self.adapters = Dictionary(uniqueKeysWithValues: list.map { ($0.schema.type, $0) })
    }

    /// Opens (creating if needed) the embedded orchestrator in `directory` and the provider
    /// key beside its store (`provider.key`, mode 0600).
    public static func open(directory: String, principal: String? = nil) throws -> LocalProvider {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ProviderError("cannot create the orchestrator directory \(directory): \(error.localizedDescription)")
        }
        let orchestrator: Orchestrator
        do {
            orchestrator = try Orchestrator(directory: url, principal: principal)
        } catch {
            throw ProviderError("cannot open the orchestrator in \(directory): \(error)")
        }
        let key = try ProviderKey.loadOrCreate(at: url.appendingPathComponent("provider.key").path)
        return LocalProvider(orchestrator: orchestrator, identityKey: key)
    }

    func adapter(_ type: String) throws -> any ResourceAdapter {
        guard let a = adapters[type] else { throw ProviderError("the local provider has no resource type \"\(type)\"") }
        return a
    }

    public func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse {
        // Creates find what a lost create made by its `ecsform:address` tag, not by a token.
        GetSchemaResponse(schema: ProviderSchema(adapters.values.map(\.schema), fingerprintsReads: true, usesIdempotencyTokens: false))
    }

    public func normalize(_ request: NormalizeRequest) -> NormalizeResponse {
        guard let a = adapters[request.type] else { return NormalizeResponse(attributes: request.attributes) }
        return NormalizeResponse(attributes: a.normalize(request.attributes))
    }

    public func read(_ request: ReadRequest) async throws -> ReadResponse {
        let a = try adapter(request.type)
        return ReadResponse(attributes: try await attempt("reading \(request.id)") {
            try await a.read(id: request.id, prior: request.priorAttributes)
        })
    }

    public func create(_ request: CreateRequest) async throws -> CreateResponse {
        let a = try adapter(request.type)
        let (id, attrs) = try await attempt("creating") {
            try await a.create(address: request.address, attributes: a.normalize(request.attributes))
        }
        return CreateResponse(id: id, attributes: attrs)
    }

    public func update(_ request: UpdateRequest) async throws -> UpdateResponse {
        let a = try adapter(request.type)
        return UpdateResponse(attributes: try await attempt("updating \(request.id)") {
            try await a.update(id: request.id, prior: request.priorAttributes,
                               planned: a.normalize(request.plannedAttributes), changed: request.changedAttributes)
        })
    }

    public func delete(_ request: DeleteRequest) async throws -> DeleteResponse {
        let a = try adapter(request.type)
        try await attempt("deleting \(request.id)") { try await a.delete(id: request.id, prior: request.priorAttributes) }
        return DeleteResponse()
    }

    public func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse {
        let a = try adapter(request.type)
        guard let (id, attrs) = try await attempt("importing \(request.id)", { try await a.importResource(id: request.id) }) else {
            return ImportResourceResponse(id: request.id, attributes: nil)
        }
        return ImportResourceResponse(id: id, attributes: attrs)
    }
}
