import Foundation
import GRDB

extension Orchestrator {
    /// Places and starts up to 10 tasks; unplaceable ones are `failures`.
    public func runTask(_ r: RunTaskRequest) async throws -> RunTaskResponse {
        let count = r.count ?? 1
        guard (1...10).contains(count) else { throw ECSError.invalidParameter("Count must be between 1 and 10.") }
        let launchType = try Validate.launchType(r.launchType)
        try Validate.placement(r.placementConstraints, r.placementStrategy)
        try Validate.tags(r.tags)
        if let s = r.startedBy, s.count > 128 { throw ECSError.invalidParameter("startedBy can be at most 128 characters.") }
        let placed: ([String], [Failure]) = try await mutateMany("RunTask", r) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            let td = try Lookup.taskDefinition(db, r.taskDefinition)
            guard td.status == "ACTIVE" else { throw ECSError.client("TaskDefinition is inactive") }
            let group = r.group ?? "family:\(td.family)"
            var instances: [String?] = []
            var failures: [Failure] = []
            if launchType == "FARGATE" {
                guard td.compatibilities?.contains("FARGATE") == true else {
                    throw ECSError.invalidParameter("Task definition does not support launch_type FARGATE.")
                }
                instances = Array(repeating: nil, count: count)
            } else {
                var session = try PlacementSession(candidates: try TaskFactory.capacity(db, clusterArn: cluster.clusterArn))
                if session.isEmpty { throw ECSError.invalidParameter("No Container Instances were found in your cluster.") }
                let needs = TaskFactory.needs(td, group: group)
                let constraints = TaskFactory.constraints(td, r.placementConstraints)
                let strategies = r.placementStrategy ?? [PlacementStrategy(type: "random")]
                for n in 0..<count {
                    switch try session.place(needs, constraints: constraints, strategies: strategies) {
                    case .success(let id): instances.append(id)
                    case .failure(let miss):
                        for _ in n..<count { failures.append(Failure(arn: nil, reason: miss.reason, detail: miss.explanation)) }
                    }
                    if instances.count <= n { break }
                }
            }
            var arns: [String] = []
            for ci in instances {
                var t = TaskFactory.make(td, cluster: cluster, instanceArn: ci, launchType: launchType, startedBy: r.startedBy,
                                         group: group, overrides: r.overrides, now: now)
                t.tags = r.tags
                try TaskFactory.insert(db, t)
                try Lookup.putTags(db, t.taskArn, r.tags)
                arns.append(t.taskArn)
            }
            return ((arns, failures), arns.isEmpty ? [cluster.clusterArn] : arns)
        }
        try await converge(clusterArn: ARN.cluster(ARN.clusterName(r.cluster)))
        let tasks = try await read { db in try placed.0.compactMap { try ECSTask.fetchOne(db, arn: $0) } }
        return RunTaskResponse(tasks: tasks, failures: placed.1)
    }

    /// Stops a task (UserInitiated); a service replaces it.
    public func stopTask(_ r: StopTaskRequest) async throws -> StopTaskResponse {
        if let reason = r.reason, reason.count > 255 { throw ECSError.invalidParameter("reason can be at most 255 characters.") }
        let arn: String = try await mutate("StopTask", r) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            guard var t = try Lookup.task(db, cluster: cluster, r.task) else {
                throw ECSError.invalidParameter("The referenced task was not found.")
            }
            try TaskState.requestStop(db, &t, code: "UserInitiated", reason: r.reason ?? "Task stopped by user", now: now)
            return (t.taskArn, t.taskArn)
        }
        try await converge(clusterArn: ARN.cluster(ARN.clusterName(r.cluster)))
        return try await read { db in
            guard let t = try ECSTask.fetchOne(db, arn: arn) else { throw ECSError.invalidParameter("The referenced task was not found.") }
            return StopTaskResponse(task: t)
        }
    }

    /// Task ARNs by service, family, instance, startedBy and desired status.
    public func listTasks(_ r: ListTasksRequest) async throws -> ListTasksResponse {
        if let d = r.desiredStatus, !["RUNNING", "PENDING", "STOPPED"].contains(d) {
            throw ECSError.invalidParameter("desiredStatus must be RUNNING, PENDING or STOPPED.")
        }
        if r.serviceName != nil && (r.family != nil || r.startedBy != nil) {
            throw ECSError.invalidParameter("serviceName cannot be combined with family or startedBy.")
        }
        return try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var sql = "SELECT arn FROM task WHERE clusterArn = ?"
            var args: [any DatabaseValueConvertible] = [cluster.clusterArn]
            switch r.desiredStatus ?? "RUNNING" {
            case "STOPPED": sql += " AND desiredStatus = 'STOPPED'"
            case "PENDING": sql += " AND desiredStatus = 'RUNNING' AND lastStatus != 'RUNNING'"
            default: sql += " AND desiredStatus = 'RUNNING'"
            }
            if let s = r.serviceName {
                _ = try Lookup.service(db, cluster: cluster, s)
                sql += " AND serviceArn = ?"; args.append(ARN.service(cluster: cluster.clusterName, name: ARN.lastComponent(s)))
            }
            if let f = r.family { sql += " AND family = ?"; args.append(f) }
            if let s = r.startedBy { sql += " AND startedBy = ?"; args.append(s) }
            if let ci = r.containerInstance {
                sql += " AND containerInstanceArn = ?"; args.append(ARN.containerInstance(cluster: cluster.clusterName, id: ARN.lastComponent(ci)))
            }
            sql += " ORDER BY arn"
            let arns = try String.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            let (page, token) = try Page.slice(arns, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListTasksResponse(taskArns: page, nextToken: token)
        }
    }

    /// Tasks with lifecycle, stop code and reason, per-container status and exit codes.
    public func describeTasks(_ r: DescribeTasksRequest) async throws -> DescribeTasksResponse {
        guard !r.tasks.isEmpty else { throw ECSError.invalidParameter("Tasks cannot be empty.") }
        guard r.tasks.count <= 100 else { throw ECSError.invalidParameter("At most 100 tasks can be described at once.") }
        return try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var out: [ECSTask] = []
            var failures: [Failure] = []
            for ref in r.tasks {
                guard var t = try Lookup.task(db, cluster: cluster, ref) else {
                    failures.append(Failure(arn: ref.hasPrefix("arn:") ? ref : ARN.task(cluster: cluster.clusterName, id: ref), reason: "MISSING"))
                    continue
                }
                t.tags = r.include?.contains("TAGS") == true ? try Lookup.tags(db, t.taskArn) : nil
                out.append(t)
            }
            return DescribeTasksResponse(tasks: out, failures: failures)
        }
    }
}
