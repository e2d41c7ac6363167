import Foundation
import GRDB

/// One audit record a transaction appends: the action, the resource it touched and the
/// request as stored (`AuditLog.requestText`, prepared before the transaction).
struct AuditEntry: Sendable {
    var action: String
    var resourceArn: String
    var text: String
}

extension Orchestrator {
    /// As `mutateMany`, for a transaction that carries out several API-shaped actions at once
    /// (a role with its inline policies, a revision with its secrets): `body` returns the
    /// audit record of each, so the log reads as if they had been made one by one, and all of
    /// them commit (or vanish) together.
    func mutateRecorded<R: Sendable>(
        converge cluster: String? = nil,
        _ body: @escaping @Sendable (Database, Date) throws -> (R, [AuditEntry])
    ) async throws -> R {
        let principal = self.principal
        let result = try await store.write { db in
            let now = Date()
            let (r, entries) = try body(db, now)
            let time = AuditLog.timestamp(now)
            for e in entries {
                try AuditLog.append(db, time: time, principal: principal, action: e.action, resourceArn: e.resourceArn, text: e.text)
            }
            return r
        }
        if let cluster { try await converge(clusterArn: ARN.cluster(ARN.clusterName(cluster))) }
        return result
    }
}
