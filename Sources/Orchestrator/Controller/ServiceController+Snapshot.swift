import Foundation
import GRDB

/// What a converge pass reads on every pass, taken from the indexed columns and, inside
/// SQLite, from the JSON bodies, instead of decoding every task of the cluster each time.
extension ServiceController {
    /// The cluster's RUNNING tasks (desired RUNNING) as handles on their containers.
    static func runningHandles(_ db: Database, _ scope: Scope, definitions: DefinitionCache) throws -> [TaskHandle] {
        let (filter, arguments) = scope.taskFilter
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT t.arn AS taskArn, json_extract(CAST(t.body AS TEXT), '$.taskDefinitionArn') AS definition,
                   json_extract(c.value, '$.name') AS name, json_extract(c.value, '$.runtimeId') AS runtimeId
            FROM (SELECT arn, body FROM task WHERE \(filter) AND lastStatus = 'RUNNING' AND desiredStatus = 'RUNNING') AS t,
                 json_each(CAST(t.body AS TEXT), '$.containers') AS c
            ORDER BY t.arn, c.key
            """), arguments: arguments)
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

    /// Whether any task in scope matches `condition` (a cheap read before a claim).
    static func anyTask(_ db: Database, _ scope: Scope, where condition: String) throws -> Bool {
        let (filter, arguments) = scope.taskFilter
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM task WHERE \(filter) AND \(condition))"),
                                 arguments: arguments) ?? false
    }

    /// What one converge looks at: a cluster, or only some of its services and their tasks.
    struct Scope: Sendable {
        var clusterArn: String
        var services: Set<String>?

        /// SQL over the `task` table, with its arguments.
        var taskFilter: (String, StatementArguments) { filter(serviceColumn: "serviceArn") }
        /// SQL over the `service` table, with its arguments.
        var serviceFilter: (String, StatementArguments) { filter(serviceColumn: "arn") }

        private func filter(serviceColumn: String) -> (String, StatementArguments) {
            guard let services else { return ("clusterArn = ?", [clusterArn]) }
            let sorted = services.sorted()
            let marks = Array(repeating: "?", count: sorted.count).joined(separator: ", ")
            var arguments: StatementArguments = [clusterArn]
            _ = arguments.append(contentsOf: StatementArguments(sorted))
            return ("clusterArn = ? AND \(serviceColumn) IN (\(marks))", arguments)
        }
    }
}
