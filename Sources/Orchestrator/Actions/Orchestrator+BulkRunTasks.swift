import Foundation
import GRDB

extension Orchestrator {
    /// Places and records `count` tasks in one transaction (no limit of 10); see `BulkRunTasksRequest`.
    public func bulkRunTasks(_ r: BulkRunTasksRequest) async throws -> BulkRunTasksResponse {
        guard (1...10_000_000).contains(r.count) else { throw ECSError.invalidParameter("count must be between 1 and 10000000.") }
        try Validate.placement(r.placementConstraints, r.placementStrategy)
        let response: BulkRunTasksResponse = try await mutate("BulkRunTasks", r) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            let td = try Lookup.taskDefinition(db, r.taskDefinition)
            guard td.status == "ACTIVE" else { throw ECSError.client("TaskDefinition is inactive") }
            let group = r.group ?? "family:\(td.family)"
            var session = try PlacementSession(candidates: try TaskFactory.capacity(db, clusterArn: cluster.clusterArn))
            if session.isEmpty { throw ECSError.invalidParameter("No Container Instances were found in your cluster.") }
            let needs = TaskFactory.needs(td, group: group)
            let constraints = TaskFactory.constraints(td, r.placementConstraints)
            let strategies = r.placementStrategy ?? [PlacementStrategy(type: "random")]
            let template = try TaskBodyTemplate(td, cluster: cluster, group: group, now: now)
            // A larger page cache for the bulk insert (random task ARNs spread over the primary key).
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO task (arn, clusterArn, serviceArn, containerInstanceArn, lastStatus, desiredStatus, family, startedBy, taskGroup, body)
                VALUES (?, ?, NULL, ?, ?, ?, ?, NULL, ?, ?)
                """)
            var touched = Set<String>()
            var placed = 0
            var miss: PlacementMiss?
            while placed < r.count {
                switch try session.place(needs, constraints: constraints, strategies: strategies) {
                case .success(let id):
                    let taskID = IDs.hex32()
                    try insert.execute(arguments: [ARN.task(cluster: cluster.clusterName, id: taskID), cluster.clusterArn, id,
                                                   "PROVISIONING", "RUNNING", td.family, group, template.render(taskID: taskID, instanceArn: id)])
                    touched.insert(id)
                    placed += 1
                case .failure(let m):
                    miss = m
                }
                if miss != nil { break }
            }
            for id in touched {
                guard var ci = try ContainerInstance.fetchOne(db, key: id), let now = session.remaining(id) else { continue }
                for i in ci.remainingResources.indices {
                    switch ci.remainingResources[i].name {
                    case "CPU": ci.remainingResources[i].integerValue = now.remainingCPU
                    case "MEMORY": ci.remainingResources[i].integerValue = now.remainingMemory
                    case "PORTS": ci.remainingResources[i].stringSetValue = now.usedHostPorts.sorted().map(String.init)
                    default: break
                    }
                }
                try ci.upsert(db)
            }
            let failure = miss.map { Failure(arn: nil, reason: $0.reason, detail: $0.explanation) }
            return (BulkRunTasksResponse(placed: placed, unplaced: r.count - placed, failure: failure), cluster.clusterArn)
        }
        if r.launch ?? true { try await converge(clusterArn: ARN.cluster(ARN.clusterName(r.cluster))) }
        return response
    }
}
