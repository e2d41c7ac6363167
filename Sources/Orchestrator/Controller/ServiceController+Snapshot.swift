import Foundation
import GRDB

/// What a converge pass reads on every pass, taken from the indexed columns and, inside
/// SQLite, from the JSON bodies, instead of decoding every task of the cluster each time.
extension ServiceController {
    /// The cluster's RUNNING tasks (desired RUNNING) as handles on their containers.
    static func runningHandles(_ db: Database, clusterArn: String, definitions: DefinitionCache) throws -> [TaskHandle] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT t.arn AS taskArn, json_extract(CAST(t.body AS TEXT), '$.taskDefinitionArn') AS definition,
                   json_extract(c.value, '$.name') AS name, json_extract(c.value, '$.runtimeId') AS runtimeId
            FROM task t, json_each(CAST(t.body AS TEXT), '$.containers') AS c
            WHERE t.clusterArn = ? AND t.lastStatus = 'RUNNING' AND t.desiredStatus = 'RUNNING'
            ORDER BY t.arn, c.key
            """), arguments: [clusterArn])
        var handles: [TaskHandle] = []
        for row in rows {
            let arn: String = row["taskArn"]
            let definition: String? = row["definition"]
            let name: String = row["name"] ?? ""
            let essential = try definition.map { try definitions.essential(db, definition: $0, container: name) } ?? true
            let container = (name: name, runtimeId: row["runtimeId"] as String?, essential: essential)
            if handles.last?.taskArn == arn {
                handles[handles.count - 1].containers.append(container)
            } else {
                handles.append(TaskHandle(taskArn: arn, containers: [container]))
            }
        }
        return handles
    }

    /// A service's live tasks (desired RUNNING) as the reconciler sees them.
    static func taskViews(_ db: Database, serviceArn: String, instanceStatus: [String: String]) throws -> [ServiceReconciler.TaskView] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT arn, startedBy, lastStatus, containerInstanceArn,
                   json_extract(CAST(body AS TEXT), '$.createdAt') AS createdAt
            FROM task WHERE serviceArn = ? AND desiredStatus = 'RUNNING'
            """), arguments: [serviceArn]).map { row in
            let instance: String? = row["containerInstanceArn"]
            let created: Double? = row["createdAt"]
            return ServiceReconciler.TaskView(
                arn: row["arn"], deploymentId: row["startedBy"], running: (row["lastStatus"] as String) == "RUNNING",
                instanceArn: instance, retiring: instance.map { instanceStatus[$0] != "ACTIVE" } ?? false,
                createdAt: created.map(Date.init(timeIntervalSince1970:)) ?? .distantPast)
        }
    }

    /// Whether any task of the cluster matches `condition` (a cheap read before a claim).
    static func anyTask(_ db: Database, clusterArn: String, where condition: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM task WHERE clusterArn = ? AND \(condition))", arguments: [clusterArn]) ?? false
    }
}
