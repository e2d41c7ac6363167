import Engine
import Foundation
import Orchestrator

extension LocalProvider {
    /// Reads the whole batch with one `batchRead` of the orchestrator (one read transaction)
    /// instead of one to three actions per object; each adapter then builds its canonical
    /// attributes exactly as `read` does.
    ///
    /// ETag-style: the batch returns a keyed fingerprint of the rows each object's attributes
    /// are built from, which goes back as `privateData`; an item whose `priorPrivate` equals
    /// its object's fingerprint now is answered `unchanged` without decoding its rows or
    /// building its attributes (the engine recorded that fingerprint with attributes a read
    /// of the same rows, with the same prior, compared equal to).
    public func readResources(_ request: ReadResourcesRequest) async -> ReadResourcesResponse {
        let items = request.resources
        var results = [Result<ReadResponse, any Error>?](repeating: nil, count: items.count)
        var batch = BatchReadRequest(fingerprintKey: fingerprintKey)
        // Two items naming one object with different data (two addresses for one object):
        // neither is read conditionally, so each is compared in full with its own prior.
        var seen = Set<BatchReadKey>()
        for (i, item) in items.enumerated() {
            do {
                let a = try adapter(item.type)
                try a.request(id: item.id, into: &batch)
                let key = BatchReadKey(a.readKind, item.id)
                if seen.insert(key).inserted {
                    if let prior = item.priorPrivate { batch.ifNoneMatch[key] = prior }
                } else if batch.ifNoneMatch[key] != item.priorPrivate {
                    batch.ifNoneMatch[key] = nil
                }
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
                let a = try adapter(item.type)
                let key = BatchReadKey(a.readKind, item.id)
                if answer.unchanged.contains(key), answer.fingerprints[key] == item.priorPrivate {
                    results[i] = .success(.unchangedObject)
                    continue
                }
                let attributes = try a.read(id: item.id, prior: item.priorAttributes, from: answer)
                results[i] = .success(ReadResponse(attributes: attributes, privateData: attributes == nil ? nil : answer.fingerprints[key]))
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
