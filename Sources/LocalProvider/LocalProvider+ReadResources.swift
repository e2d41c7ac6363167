import Engine
import Foundation
import Orchestrator

extension LocalProvider {
    /// Reads the whole batch with one `batchRead` of the orchestrator (one read transaction)
    /// instead of one to three actions per object; each adapter then builds its canonical
    /// attributes exactly as `read` does.
    public func readResources(_ request: ReadResourcesRequest) async -> ReadResourcesResponse {
        let items = request.resources
        var results = [Result<ReadResponse, any Error>?](repeating: nil, count: items.count)
        var batch = BatchReadRequest()
        for (i, item) in items.enumerated() {
            do {
                try adapter(item.type).request(id: item.id, into: &batch)
            } catch {
                results[i] = .failure(ProviderError.wrap("reading \(item.id)", error))
            }
        }
        let answer: BatchReadResponse
        do {
            answer = try await orchestrator.batchRead(batch)
        } catch {
            return ReadResourcesResponse(results: zip(items, results).map { item, done in
                done ?? .failure(ProviderError.wrap("reading \(item.id)", error))
            })
        }
        for (i, item) in items.enumerated() where results[i] == nil {
            do {
                let attributes = try adapter(item.type).read(id: item.id, prior: item.priorAttributes, from: answer)
                results[i] = .success(ReadResponse(attributes: attributes))
            } catch {
                results[i] = .failure(ProviderError.wrap("reading \(item.id)", error))
            }
        }
        return ReadResourcesResponse(results: results.map { $0 ?? .failure(ProviderError("reading failed")) })
    }

    /// The newest audit record of every object in one read of the audit log.
    public func histories(_ request: HistoriesRequest) async -> HistoriesResponse {
        guard let records = try? await orchestrator.lastAuditRecords(resourceArns: request.resources.map(\.id)) else {
            return HistoriesResponse(lastChanges: request.resources.map { _ in nil })
        }
        return HistoriesResponse(lastChanges: request.resources.map { item in
            records[item.id].map(Self.changeRecord)
        })
    }

    static func changeRecord(_ record: AuditRecord) -> ChangeRecord {
        let time = (try? Date(record.time, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
        return ChangeRecord(time: time, principal: record.principal, action: record.action)
    }
}
