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

    /// The capacity of every ACTIVE instance in a cluster, for placement. Read inside SQLite
    /// from the JSON bodies (only the resources and attributes placement uses), instead of
    /// decoding every instance on every pass that places a task. As `ContainerInstance`'s
    /// `integer`/`stringSet`, the first resource of a name counts; the first attribute of a name.
    static func capacity(_ db: Database, clusterArn: String) throws -> [InstanceCapacity] {
        let arns = try String.fetchAll(db.cachedStatement(sql: "SELECT arn FROM containerInstance WHERE clusterArn = ? AND status = 'ACTIVE' ORDER BY arn"),
                                       arguments: [clusterArn])
        var groups: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT containerInstanceArn, taskGroup, COUNT(*) AS n FROM task
            WHERE clusterArn = ? AND desiredStatus = 'RUNNING' AND containerInstanceArn IS NOT NULL
            GROUP BY containerInstanceArn, taskGroup
            """), arguments: [clusterArn]) {
            let ci: String = row["containerInstanceArn"]
            let g: String? = row["taskGroup"]
            groups[ci, default: [:]][g ?? "", default: 0] += row["n"] as Int
        }
        var cpu: [String: Int] = [:]
        var memory: [String: Int] = [:]
        var portsSeen: Set<String> = []
        var ports: [String: Set<Int>] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.arn AS arn, json_extract(r.value, '$.name') AS name,
                   json_extract(r.value, '$.integerValue') AS integerValue,
                   json_extract(r.value, '$.stringSetValue') AS stringSetValue
            FROM containerInstance c, json_each(CAST(c.body AS TEXT), '$.remainingResources') AS r
            WHERE c.clusterArn = ? AND c.status = 'ACTIVE'
              AND json_extract(r.value, '$.name') IN ('CPU', 'MEMORY', 'PORTS')
            ORDER BY c.arn, r.key
            """), arguments: [clusterArn]) {
            let arn: String = row["arn"]
            let name: String = row["name"]
            switch name {
            case "CPU": if cpu[arn] == nil { cpu[arn] = (row["integerValue"] as Int?) ?? 0 }
            case "MEMORY": if memory[arn] == nil { memory[arn] = (row["integerValue"] as Int?) ?? 0 }
            default:
                guard portsSeen.insert(arn).inserted else { continue }
                let text: String? = row["stringSetValue"]
                let values = try text.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
                ports[arn] = Set(values.compactMap { Int($0) })
            }
        }
        var attributes: [String: [String: String]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.arn AS arn, json_extract(a.value, '$.name') AS name, json_extract(a.value, '$.value') AS value
            FROM containerInstance c, json_each(CAST(c.body AS TEXT), '$.attributes') AS a
            WHERE c.clusterArn = ? AND c.status = 'ACTIVE'
            ORDER BY c.arn, a.key
            """), arguments: [clusterArn]) {
            let arn: String = row["arn"]
            let name: String = row["name"]
            if attributes[arn]?[name] == nil { attributes[arn, default: [:]][name] = (row["value"] as String?) ?? "" }
        }
        return arns.map { arn in
            InstanceCapacity(
                id: arn, remainingCPU: cpu[arn] ?? 0, remainingMemory: memory[arn] ?? 0,
                usedHostPorts: ports[arn] ?? [], attributes: attributes[arn] ?? [:],
                tasksByGroup: groups[arn] ?? [:])
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
