import StackConfig

/// What the engine needs from whatever actually creates objects. Shaped like Terraform's
/// `providers.Interface`: one request/response pair per operation, so an operation can
/// grow fields without breaking every implementation. The engine learns everything it
/// knows about resource types from `getSchema`; it never interprets a type name itself.
///
/// Attribute trees are `Value` maps in the canonical form of docs/resource-attributes.md.
/// Sensitive values arrive marked `.sensitive`; call `.unmarked` before using them. A
/// provider reports failures by throwing `ProviderError`, whose message the CLI prints.
public protocol Provider: Sendable {
    /// The resource types this provider manages and how each behaves. Called once per run.
    func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse

    /// Puts a configured attribute tree into the canonical form `read` returns (defaults
    /// filled, unordered lists sorted, number forms), so a freshly applied stack plans no
    /// changes. Must keep `.unknown` and `.sensitive` marks where they are. Pure.
    func normalize(_ request: NormalizeRequest) -> NormalizeResponse

    /// The object as it is now, in canonical form, or `attributes == nil` when it is gone.
    func read(_ request: ReadRequest) async throws -> ReadResponse

    /// Many `read`s at once (Terraform reads one by one; a provider whose backend can answer
    /// many lookups in one round trip should implement this). One result per request item,
    /// in order; a failure of one item is that item's `.failure`, never the whole batch's.
    /// The default calls `read` for each item in turn; the engine runs several batches at once.
    func readResources(_ request: ReadResourcesRequest) async -> ReadResourcesResponse

    /// Creates the object and returns its id and full attributes (computed ones filled in).
    func create(_ request: CreateRequest) async throws -> CreateResponse

    /// Changes the object in place; only called for changes no attribute forces a replacement for.
    func update(_ request: UpdateRequest) async throws -> UpdateResponse

    /// Deletes the object. Deleting an object that is already gone is not an error.
    func delete(_ request: DeleteRequest) async throws -> DeleteResponse

    /// Reads an existing object by id so it can be brought under management (`ecsform import`).
    func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse

    /// The last change recorded for the object by whatever made it (time, principal, action),
    /// shown by `ecsform drift`. `lastChange == nil` when nothing is recorded.
    func history(_ request: HistoryRequest) async throws -> HistoryResponse

    /// `history` for many objects at once, one result per item, in order (nil where nothing
    /// is recorded or the lookup failed: history only annotates a drift report). The default
    /// calls `history` for each item in turn.
    func histories(_ request: HistoriesRequest) async -> HistoriesResponse
}

extension Provider {
    public func readResources(_ request: ReadResourcesRequest) async -> ReadResourcesResponse {
        var results: [Result<ReadResponse, any Error>] = []
        results.reserveCapacity(request.resources.count)
        for item in request.resources {
            do { results.append(.success(try await read(item))) } catch { results.append(.failure(error)) }
        }
        return ReadResourcesResponse(results: results)
    }

    public func histories(_ request: HistoriesRequest) async -> HistoriesResponse {
        var out: [ChangeRecord?] = []
        out.reserveCapacity(request.resources.count)
        for item in request.resources { out.append(try? await history(item).lastChange) }
        return HistoriesResponse(lastChanges: out)
    }
}

/// A failure a provider reports; `message` is printed as `error: <address>: <message>`.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
