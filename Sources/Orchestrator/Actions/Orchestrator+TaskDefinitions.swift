import Foundation
import GRDB

extension Orchestrator {
    /// Registers the next immutable revision of a family, validated as ECS does.
    public func registerTaskDefinition(_ r: RegisterTaskDefinitionRequest) async throws -> RegisterTaskDefinitionResponse {
        try await registerTaskDefinition(r, secrets: [])
    }

    /// Secrets Manager `CreateSecret` for each of `secrets`, then `RegisterTaskDefinition`, as
    /// one transaction with the audit record of each: a revision and the secrets its
    /// containers reference (by `ARN.secret(name)`) exist together or not at all, in one
    /// write. Fails as the first of those actions would (`ResourceExistsException` when a
    /// secret's name is taken), leaving nothing behind.
    public func registerTaskDefinition(_ r: RegisterTaskDefinitionRequest, secrets: [CreateSecretRequest]) async throws -> RegisterTaskDefinitionResponse {
        let sealed = try secrets.map { try checkSecret($0) }
        let validated = try TaskDefinitionRules.validate(r)
        let principal = self.principal
        let secretTexts = try secrets.map { try AuditLog.requestText($0) }
        let registerText = try AuditLog.requestText(r)
        return try await mutateRecorded { db, now in
            var entries: [AuditEntry] = []
            for (i, s) in secrets.enumerated() {
                let m = try Self.insertSecret(db, s, sealed: sealed[i], now: now)
                entries.append(AuditEntry(action: "CreateSecret", resourceArn: m.ARN, text: secretTexts[i]))
            }
            var normalized = validated
            let last = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(revision) FROM taskDefinition WHERE family = ?"), arguments: [r.family]) ?? 0
            normalized.revision = last + 1
            normalized.taskDefinitionArn = ARN.taskDefinition(r.family, last + 1)
            normalized.registeredAt = now
            normalized.registeredBy = principal
            try normalized.insertCached(db)
            try Lookup.putTags(db, normalized.taskDefinitionArn, r.tags)
            entries.append(AuditEntry(action: "RegisterTaskDefinition", resourceArn: normalized.taskDefinitionArn, text: registerText))
            return (RegisterTaskDefinitionResponse(taskDefinition: normalized, tags: r.tags), entries)
        }
    }

    /// A revision by `family`, `family:revision` or ARN (INACTIVE ones too).
    public func describeTaskDefinition(_ r: DescribeTaskDefinitionRequest) async throws -> DescribeTaskDefinitionResponse {
        try await read { db in
            let td = try Lookup.taskDefinition(db, r.taskDefinition)
            let tags = r.include?.contains("TAGS") == true ? try Lookup.tags(db, td.taskDefinitionArn) : nil
            return DescribeTaskDefinitionResponse(taskDefinition: td, tags: tags)
        }
    }

    /// Task definition ARNs by status and family.
    public func listTaskDefinitions(_ r: ListTaskDefinitionsRequest) async throws -> ListTaskDefinitionsResponse {
        let status = r.status ?? "ACTIVE"
        guard ["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"].contains(status) else { throw ECSError.invalidParameter("status must be ACTIVE or INACTIVE.") }
        let sort = r.sort ?? "ASC"
        guard sort == "ASC" || sort == "DESC" else { throw ECSError.invalidParameter("sort must be ASC or DESC.") }
        return try await read { db in
            // With a family, the (family, revision) index finds its revisions; the query that
            // also serves "every family" would scan the whole table for each.
            var arns: [String]
            if let family = r.familyPrefix {
                arns = try String.fetchAll(db.cachedStatement(sql: """
                    SELECT arn FROM taskDefinition WHERE family = ? AND status = ? ORDER BY revision
                    """), arguments: [family, status])
            } else {
                arns = try String.fetchAll(db, sql: """
                    SELECT arn FROM taskDefinition WHERE status = ? ORDER BY family, revision
                    """, arguments: [status])
            }
            if sort == "DESC" { arns.reverse() }
            let (page, token) = try Page.slice(arns, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListTaskDefinitionsResponse(taskDefinitionArns: page, nextToken: token)
        }
    }

    /// Family names by status.
    public func listTaskDefinitionFamilies(_ r: ListTaskDefinitionFamiliesRequest) async throws -> ListTaskDefinitionFamiliesResponse {
        let status = r.status ?? "ACTIVE"
        guard ["ACTIVE", "INACTIVE", "ALL"].contains(status) else { throw ECSError.invalidParameter("status must be ACTIVE, INACTIVE or ALL.") }
        return try await read { db in
            let families: [String]
            switch status {
            case "ALL": families = try String.fetchAll(db, sql: "SELECT DISTINCT family FROM taskDefinition ORDER BY family")
            case "ACTIVE": families = try String.fetchAll(db, sql: "SELECT DISTINCT family FROM taskDefinition WHERE status = 'ACTIVE' ORDER BY family")
            default: families = try String.fetchAll(db, sql: """
                SELECT family FROM taskDefinition GROUP BY family HAVING SUM(status = 'ACTIVE') = 0 ORDER BY family
                """)
            }
            let filtered = families.filter { r.familyPrefix.map($0.hasPrefix) ?? true }
            let (page, token) = try Page.slice(filtered, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListTaskDefinitionFamiliesResponse(families: page, nextToken: token)
        }
    }

    /// Makes a revision INACTIVE: still describable, no new tasks or services.
    public func deregisterTaskDefinition(_ r: DeregisterTaskDefinitionRequest) async throws -> DeregisterTaskDefinitionResponse {
        let body = r.taskDefinition.hasPrefix("arn:") ? ARN.lastComponent(r.taskDefinition) : r.taskDefinition
        let parts = body.split(separator: ":")
        guard parts.count == 2, Int(parts[1]) != nil else {
            throw ECSError.client("Task definition must be given as family:revision or a full ARN.")
        }
        return try await mutate("DeregisterTaskDefinition", r) { db, now in
            var td = try Lookup.taskDefinition(db, r.taskDefinition)
            if td.status == "ACTIVE" {
                td.status = "INACTIVE"
                td.deregisteredAt = now
                try td.upsert(db)
            }
            return (DeregisterTaskDefinitionResponse(taskDefinition: td), td.taskDefinitionArn)
        }
    }
}
