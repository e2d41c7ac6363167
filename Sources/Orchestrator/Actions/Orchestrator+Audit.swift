import Foundation

extension Orchestrator {
    /// Audit records (newest first), for one resource ARN or all: drift detection reads who changed what.
    public func listAuditRecords(_ r: ListAuditRecordsRequest) async throws -> ListAuditRecordsResponse {
        let limit = r.maxResults ?? 100
        guard (1...10000).contains(limit) else { throw ECSError.invalidParameter("maxResults must be between 1 and 10000.") }
        return try await read { db in
            ListAuditRecordsResponse(auditRecords: try AuditLog.list(db, resourceArn: r.resourceArn, limit: limit))
        }
    }
}
