import Engine
import Foundation
import Orchestrator

extension LocalProvider {
    /// The newest audit record for the object's ARN: who last changed it, when, and how.
    public func history(_ request: HistoryRequest) async throws -> HistoryResponse {
        let response = try await attempt("reading the audit log for \(request.id)") {
            try await orchestrator.listAuditRecords(ListAuditRecordsRequest(resourceArn: request.id, maxResults: 1))
        }
        guard let record = response.auditRecords.first else { return HistoryResponse(lastChange: nil) }
        let time = (try? Date(record.time, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
        return HistoryResponse(lastChange: ChangeRecord(time: time, principal: record.principal, action: record.action))
    }
}
