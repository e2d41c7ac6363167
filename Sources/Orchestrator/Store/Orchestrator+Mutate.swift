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
    /// Runs `body` as one write transaction that also appends the audit record for
    /// `resourceArn`, then converges the services of the touched cluster.
    func mutate<R: Sendable>(
        _ action: String, _ request: some Encodable & Sendable, converge cluster: String? = nil,
        _ body: @escaping @Sendable (Database, Date) throws -> (R, String)
    ) async throws -> R {
        try await mutateMany(action, request, converge: cluster) { db, now in
            let (r, arn) = try body(db, now)
            return (r, [arn])
        }
    }

    /// As `mutate`, for actions that change several resources: one audit record each.
    func mutateMany<R: Sendable>(
        _ action: String, _ request: some Encodable & Sendable, converge cluster: String? = nil,
        _ body: @escaping @Sendable (Database, Date) throws -> (R, [String])
    ) async throws -> R {
        let text = try AuditLog.requestText(request)
        return try await mutateRecorded(converge: cluster) { db, now in
            let (r, arns) = try body(db, now)
            return (r, arns.map { AuditEntry(action: action, resourceArn: $0, text: text) })
        }
    }

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
