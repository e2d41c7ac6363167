import Engine
import Foundation
import Orchestrator

extension LocalProvider {
    /// The newest audit record for the object's ARN: who last changed it, when, and how.
    public func history(_ request: HistoryRequest) async throws -> HistoryResponse {
        let response = try await attempt("reading the audit log for \(request.id)") {
            try await orchestrator.listAuditRecords(ListAuditRecordsRequest(resourceArn: request.id, maxResults: 1))
        }
        return HistoryResponse(lastChange: response.auditRecords.first.map(Self.changeRecord))
    }
}
