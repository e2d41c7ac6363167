import Foundation
import GRDB

extension Orchestrator {
    /// Registers the next immutable revision of a family, validated as ECS does.
    public func registerTaskDefinition(_ r: RegisterTaskDefinitionRequest) async throws -> RegisterTaskDefinitionResponse {
        let validated = try TaskDefinitionRules.validate(r)
        let principal = self.principal
        return try await mutate("RegisterTaskDefinition", r) { db, now in
            var normalized = validated
            let last = try Int.fetchOne(db, sql: "SELECT MAX(revision) FROM taskDefinition WHERE family = ?", arguments: [r.family]) ?? 0
            normalized.revision = last + 1
            normalized.taskDefinitionArn = ARN.taskDefinition(r.family, last + 1)
            normalized.registeredAt = now
            normalized.registeredBy = principal
            try normalized.insert(db)
            try Lookup.putTags(db, normalized.taskDefinitionArn, r.tags)
            return (RegisterTaskDefinitionResponse(taskDefinition: normalized, tags: r.tags), normalized.taskDefinitionArn)
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
            var arns = try String.fetchAll(db, sql: """
                SELECT arn FROM taskDefinition WHERE status = ? AND (? IS NULL OR family = ?) ORDER BY family, revision
                """, arguments: [status, r.familyPrefix, r.familyPrefix])
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
                try td.save(db)
            }
            return (DeregisterTaskDefinitionResponse(taskDefinition: td), td.taskDefinitionArn)
        }
    }
}
