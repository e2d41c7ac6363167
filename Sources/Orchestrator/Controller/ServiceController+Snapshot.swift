import Foundation
import GRDB

/// What a converge pass reads on every pass, taken from the indexed columns and, inside
/// SQLite, from the JSON bodies, instead of decoding every task of the cluster each time.
extension ServiceController {
    /// The RUNNING tasks (desired RUNNING) in scope as handles on their containers, by cluster.
    static func runningHandles(_ db: Database, _ scope: Scope, definitions: DefinitionCache) throws -> [String: [TaskHandle]] {
        let (filter, arguments) = scope.taskFilter
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT t.arn AS taskArn, t.clusterArn AS clusterArn, json_extract(CAST(t.body AS TEXT), '$.taskDefinitionArn') AS definition,
                   json_extract(c.value, '$.name') AS name, json_extract(c.value, '$.runtimeId') AS runtimeId
            FROM (SELECT arn, clusterArn, body FROM task WHERE \(filter) AND lastStatus = 'RUNNING' AND desiredStatus = 'RUNNING') AS t,
                 json_each(CAST(t.body AS TEXT), '$.containers') AS c
            ORDER BY t.arn, c.key
            """), arguments: arguments)
        var handles: [String: [TaskHandle]] = [:]
        var last: (cluster: String, arn: String)?
        for row in rows {
            let arn: String = row["taskArn"]
            let cluster: String = row["clusterArn"]
            let definition: String? = row["definition"]
            let name: String = row["name"] ?? ""
            let essential = try definition.map { try definitions.essential(db, definition: $0, container: name) } ?? true
            let container = (name: name, runtimeId: row["runtimeId"] as String?, essential: essential)
            if let last, last.arn == arn, let i = handles[last.cluster]?.indices.last {
                handles[last.cluster]?[i].containers.append(container)
            } else {
                handles[cluster, default: []].append(TaskHandle(taskArn: arn, containers: [container]))
                last = (cluster, arn)
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

    /// What one converge looks at: clusters, each whole or only some of its services and
    /// their tasks. Converges asked for at the same time are merged into one scope
    /// (`ConvergeQueue`), so their passes share transactions.
    struct Scope: Sendable {
        /// Each cluster in scope, with the services to converge in it (nil: all of them).
        private(set) var clusters: [String: Set<String>?]
        // The filters' arguments, kept up to date by `init` and `merge`: every query of a
        // pass uses them.
        private var servicesJSON = "[]"
        private var wholeClustersJSON = "[]"

        init(clusterArn: String, services: Set<String>?) {
            clusters = [clusterArn: services]
            updateArguments()
        }

        /// The clusters in a stable order.
        var clusterArns: [String] { clusters.keys.sorted() }

        /// This scope limited to one of its clusters.
        func only(_ clusterArn: String) -> Scope {
            Scope(clusterArn: clusterArn, services: clusters[clusterArn] ?? nil)
        }

        /// Adds `other`'s clusters and services; a whole cluster absorbs any service set.
        mutating func merge(_ other: Scope) {
            for (cluster, services) in other.clusters {
                guard let mine = clusters[cluster] else { clusters[cluster] = services; continue }
                if let mine, let services { clusters[cluster] = mine.union(services) } else { clusters[cluster] = .some(nil) }
            }
            updateArguments()
        }

        /// SQL over the `task` table, with its arguments.
        var taskFilter: (String, StatementArguments) { filter(serviceColumn: "serviceArn") }
        /// SQL over the `service` table, with its arguments.
        var serviceFilter: (String, StatementArguments) { filter(serviceColumn: "arn") }

        /// One SQL text whatever the scope holds (the lists are JSON arrays), so that the
        /// statement is prepared once per connection.
        private func filter(serviceColumn: String) -> (String, StatementArguments) {
            ("(\(serviceColumn) IN (SELECT value FROM json_each(?)) OR clusterArn IN (SELECT value FROM json_each(?)))",
             [servicesJSON, wholeClustersJSON])
        }

        private mutating func updateArguments() {
            var whole: [String] = []
            var services: [String] = []
            for (cluster, set) in clusters {
                if let set { services.append(contentsOf: set) } else { whole.append(cluster) }
            }
            servicesJSON = SQLList.json(services.sorted())
            wholeClustersJSON = SQLList.json(whole.sorted())
        }
    }
}
