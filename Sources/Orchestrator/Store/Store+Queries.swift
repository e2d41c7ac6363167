import Foundation
import GRDB

/// Lookups shared by the actions, each resolving a name, ID or ARN the way ECS accepts them
/// and throwing ECS's error when the object is missing.
enum Lookup {
    static func activeCluster(_ db: Database, _ nameOrArn: String?) throws -> Cluster {
        let arn = ARN.cluster(ARN.clusterName(nameOrArn))
        guard let c = try Cluster.fetchOne(db, arn: arn), c.status == "ACTIVE" else { throw ECSError.clusterNotFound() }
        return c
    }

    /// Resolves `family`, `family:revision` or a full ARN.
    static func taskDefinition(_ db: Database, _ ref: String) throws -> TaskDefinition {
        // Trimmed only when it has to be (Foundation's trimming goes through NSString).
        let spaced = ref.utf8.first.map { $0 == 0x20 || $0 == 0x09 } == true || ref.utf8.last.map { $0 == 0x20 || $0 == 0x09 } == true
        let trimmed = spaced ? ref.trimmingCharacters(in: .whitespaces) : ref
        guard !trimmed.isEmpty else { throw ECSError.client("Task definition must be specified.") }
        let body = trimmed.hasPrefix("arn:") ? ARN.lastComponent(trimmed) : trimmed
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        var found: TaskDefinition?
        if parts.count == 2 {
            guard let rev = Int(parts[1]) else { throw ECSError.client("Invalid revision number. Number: \(parts[1])") }
            found = try TaskDefinition.fetchOne(db, arn: ARN.taskDefinition(String(parts[0]), rev))
        } else if parts.count == 1 {
            found = try TaskDefinition.fetchOne(db.cachedStatement(sql: "SELECT * FROM taskDefinition WHERE family = ? AND status = 'ACTIVE' ORDER BY revision DESC LIMIT 1"), arguments: [body])
        }
        guard let td = found else { throw ECSError.client("Unable to describe task definition.") }
        return td
    }

    /// `td` (resolved earlier, outside this transaction) when it is still ACTIVE; a revision's
    /// content never changes, only its status.
    static func stillActive(_ db: Database, _ td: TaskDefinition?) throws -> TaskDefinition? {
        guard let td, td.status == "ACTIVE" else { return nil }
        let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM taskDefinition WHERE arn = ?"), arguments: [td.taskDefinitionArn])
        return status == "ACTIVE" ? td : nil
    }

    static func service(_ db: Database, cluster: Cluster, _ nameOrArn: String) throws -> Service {
        let name = nameOrArn.hasPrefix("arn:") ? ARN.lastComponent(nameOrArn) : nameOrArn
        if nameOrArn.hasPrefix("arn:"), ARN.clusterOf(nameOrArn) != cluster.clusterName { throw ECSError.serviceNotFound() }
        guard let s = try Service.fetchOne(db, arn: ARN.service(cluster: cluster.clusterName, name: name)) else {
            throw ECSError.serviceNotFound()
        }
        return s
    }

    static func task(_ db: Database, cluster: Cluster, _ idOrArn: String) throws -> ECSTask? {
        let id = ARN.lastComponent(idOrArn)
        return try ECSTask.fetchOne(db, arn: ARN.task(cluster: cluster.clusterName, id: id))
    }

    static func containerInstance(_ db: Database, cluster: Cluster, _ idOrArn: String) throws -> ContainerInstance? {
        let id = ARN.lastComponent(idOrArn)
        return try ContainerInstance.fetchOne(db, arn: ARN.containerInstance(cluster: cluster.clusterName, id: id))
    }

    static func tags(_ db: Database, _ arn: String) throws -> [Tag] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM tag WHERE resourceArn = ? ORDER BY key"), arguments: [arn])
            .map { Tag(key: $0["key"], value: $0["value"]) }
    }

    static func putTags(_ db: Database, _ arn: String, _ tags: [Tag]?) throws {
        for t in tags ?? [] {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO tag (resourceArn, key, value) VALUES (?, ?, ?)")
                .execute(arguments: [arn, t.key, t.value])
        }
    }

    /// A cluster with its live counts filled in.
    static func counted(_ db: Database, _ c: Cluster) throws -> Cluster {
        var c = c
        c.registeredContainerInstancesCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM containerInstance WHERE clusterArn = ? AND status != 'INACTIVE'"), arguments: [c.clusterArn]) ?? 0
        c.runningTasksCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM task WHERE clusterArn = ? AND lastStatus = 'RUNNING'"), arguments: [c.clusterArn]) ?? 0
        c.pendingTasksCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM task WHERE clusterArn = ? AND lastStatus IN ('PROVISIONING', 'PENDING', 'ACTIVATING')"), arguments: [c.clusterArn]) ?? 0
        c.activeServicesCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM service WHERE clusterArn = ? AND status = 'ACTIVE'"), arguments: [c.clusterArn]) ?? 0
        return c
    }

    /// A container instance with its running/pending task counts filled in.
    static func counted(_ db: Database, _ ci: ContainerInstance) throws -> ContainerInstance {
        var ci = ci
        ci.runningTasksCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM task WHERE containerInstanceArn = ? AND lastStatus = 'RUNNING'"), arguments: [ci.containerInstanceArn]) ?? 0
        ci.pendingTasksCount = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM task WHERE containerInstanceArn = ? AND lastStatus IN ('PROVISIONING', 'PENDING', 'ACTIVATING')"), arguments: [ci.containerInstanceArn]) ?? 0
        return ci
    }
}

/// Offset-based pagination tokens, as opaque strings.
enum Page {
    static func slice<T>(_ items: [T], maxResults: Int?, nextToken: String?) throws -> ([T], String?) {
        let start: Int
        if let nextToken {
            guard let n = Int(nextToken), n >= 0, n <= items.count else { throw ECSError.invalidParameter("Invalid nextToken.") }
            start = n
        } else { start = 0 }
        if let m = maxResults, m < 1 || m > 100 { throw ECSError.invalidParameter("maxResults must be between 1 and 100.") }
        let limit = maxResults ?? 100
        let end = min(items.count, start + limit)
        return (Array(items[start..<end]), end < items.count ? String(end) : nil)
    }
}
