import Engine

/// For commands that only edit state (`state rm`, `state mv`): they never call the provider,
/// so they work even where no orchestrator is reachable.
struct NoProvider: Provider {
    private func unavailable() -> ProviderError { ProviderError("this command does not talk to the orchestrator") }
    func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse { throw unavailable() }
    func normalize(_ request: NormalizeRequest) -> NormalizeResponse { NormalizeResponse(attributes: request.attributes) }
    func read(_ request: ReadRequest) async throws -> ReadResponse { throw unavailable() }
    func create(_ request: CreateRequest) async throws -> CreateResponse { throw unavailable() }
    func update(_ request: UpdateRequest) async throws -> UpdateResponse { throw unavailable() }
    func delete(_ request: DeleteRequest) async throws -> DeleteResponse { throw unavailable() }
    func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse { throw unavailable() }
    func history(_ request: HistoryRequest) async throws -> HistoryResponse { throw unavailable() }
}
