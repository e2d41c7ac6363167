import Foundation
import GRDB

/// Creates task records (PROVISIONING, desired RUNNING) and reserves their capacity.
enum TaskFactory {
    static func make(_ td: TaskDefinition, cluster: Cluster, instanceArn: String?, launchType: String, startedBy: String?,
                     group: String, overrides: TaskOverride?, now: Date, id: String = IDs.hex32()) -> ECSTask {
        let arn = ARN.task(cluster: cluster.clusterName, id: id)
        let containers = td.containerDefinitions.map { c -> Container in
            let bindings = (c.portMappings ?? []).compactMap { pm -> NetworkBinding? in
                let host: Int? = td.networkMode == "host" ? (pm.hostPort ?? pm.containerPort) : (pm.hostPort == 0 ? nil : pm.hostPort)
                guard td.networkMode != "awsvpc", td.networkMode != "none", let host else { return nil }
                return NetworkBinding(bindIP: "0.0.0.0", containerPort: pm.containerPort, hostPort: host, protocol: pm.protocol ?? "tcp")
            }
            return Container(containerArn: ARN.container(cluster: cluster.clusterName, taskID: id, name: c.name), taskArn: arn,
                             name: c.name, image: c.image, lastStatus: "PENDING", exitCode: nil, reason: nil,
                             healthStatus: c.healthCheck == nil ? "UNKNOWN" : "UNKNOWN", runtimeId: nil,
                             networkBindings: bindings.isEmpty ? nil : bindings,
                             cpu: c.cpu.map(String.init), memory: c.memory.map(String.init))
        }
        return ECSTask(
            taskArn: arn, clusterArn: cluster.clusterArn, taskDefinitionArn: td.taskDefinitionArn,
            containerInstanceArn: instanceArn, lastStatus: "PROVISIONING", desiredStatus: "RUNNING", containers: containers,
            cpu: String(td.taskCPU), memory: String(td.taskMemory), launchType: launchType, startedBy: startedBy,
            group: group, createdAt: now, startedAt: nil, stoppingAt: nil, stoppedAt: nil, pullStartedAt: nil, executionStoppedAt: nil, stopCode: nil, stoppedReason: nil,
            healthStatus: "UNKNOWN", version: 1, tags: nil, overrides: overrides)
    }

    /// The capacity of every ACTIVE instance in a cluster, for placement: the instances
    /// (decoded by their hand-written reader) and the count of live tasks per instance and
    /// group. As `ContainerInstance`'s `integer`/`stringSet`, the first resource of a name
    /// counts; the first attribute of a name.
    ///
    /// `services`: only those services' groups are counted (through the task table's service
    /// index instead of every task of the cluster), for a session that places only their
    /// tasks: spread and distinctInstance look at the group being placed and no other.
    static func capacity(_ db: Database, clusterArn: String, services: [String]? = nil) throws -> [InstanceCapacity] {
        let instances = try ContainerInstance.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM containerInstance WHERE clusterArn = ? AND status = 'ACTIVE' ORDER BY arn"),
            arguments: [clusterArn])
        var groups: [String: [String: Int]] = [:]
        let counts: Statement
        let arguments: StatementArguments
        if let services {
            counts = try db.cachedStatement(sql: """
                SELECT containerInstanceArn, taskGroup, COUNT(*) AS n FROM task
                WHERE serviceArn IN (SELECT value FROM json_each(?))
                  AND desiredStatus = 'RUNNING' AND containerInstanceArn IS NOT NULL
                GROUP BY containerInstanceArn, taskGroup
                """)
            arguments = [SQLList.json(services)]
        } else {
            counts = try db.cachedStatement(sql: """
                SELECT containerInstanceArn, taskGroup, COUNT(*) AS n FROM task
                WHERE clusterArn = ? AND desiredStatus = 'RUNNING' AND containerInstanceArn IS NOT NULL
                GROUP BY containerInstanceArn, taskGroup
                """)
            arguments = [clusterArn]
        }
        for row in try Row.fetchAll(counts, arguments: arguments) {
            let ci: String = row["containerInstanceArn"]
            let g: String? = row["taskGroup"]
            groups[ci, default: [:]][g ?? "", default: 0] += row["n"] as Int
        }
        return instances.map { ci in
            var attributes: [String: String] = [:]
            for a in ci.attributes ?? [] where attributes[a.name] == nil { attributes[a.name] = a.value ?? "" }
            return InstanceCapacity(
                id: ci.containerInstanceArn, remainingCPU: ci.integer("CPU"), remainingMemory: ci.integer("MEMORY"),
                usedHostPorts: Set(ci.stringSet("PORTS").compactMap { Int($0) }), attributes: attributes,
                tasksByGroup: groups[ci.containerInstanceArn] ?? [:])
        }
    }

    /// What a placed task holds on its instance, to give back when it stops.
    static func needs(_ t: ECSTask) -> TaskNeeds {
        TaskNeeds(cpu: Int(t.cpu ?? "") ?? 0, memory: Int(t.memory ?? "") ?? 0, hostPorts: TaskState.hostPorts(t), group: t.group ?? "")
    }

    static func needs(_ td: TaskDefinition, group: String) -> TaskNeeds {
        TaskNeeds(cpu: td.taskCPU, memory: td.taskMemory, hostPorts: td.hostPorts, group: group)
    }

    /// Inserts the task and takes its capacity from its instance.
    static func insert(_ db: Database, _ t: ECSTask) throws {
        try t.upsert(db)
        if let arn = t.containerInstanceArn, var ci = try ContainerInstance.fetchOne(db, arn: arn) {
            TaskState.adjust(&ci, cpu: Int(t.cpu ?? "") ?? 0, memory: Int(t.memory ?? "") ?? 0, ports: TaskState.hostPorts(t), add: false)
            try ci.upsert(db)
        }
    }

    /// The placement constraints that apply: the request's plus the task definition's.
    static func constraints(_ td: TaskDefinition, _ extra: [PlacementConstraint]?) -> [PlacementConstraint] {
        (extra ?? []) + (td.placementConstraints ?? []).map { PlacementConstraint(type: $0.type, expression: $0.expression) }
    }
}
