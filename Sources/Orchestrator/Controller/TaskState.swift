import Foundation
import GRDB

/// Task state transitions that must keep instance capacity accounting right. Capacity is
/// reserved when a task is placed and released as soon as its stop is requested, so a
/// replacement can be placed in the same pass.
enum TaskState {
    static func requestStop(_ db: Database, _ t: inout ECSTask, code: String, reason: String, now: Date) throws {
        guard t.desiredStatus != "STOPPED" else { return }
        t.desiredStatus = "STOPPED"
        t.stopCode = t.stopCode ?? code
        t.stoppedReason = t.stoppedReason ?? reason
        t.stoppingAt = now
        t.version += 1
        try t.upsert(db)
        try release(db, t)
    }

    /// Returns the task's CPU, memory and host ports to its container instance.
    static func release(_ db: Database, _ t: ECSTask) throws {
        guard let arn = t.containerInstanceArn, var ci = try ContainerInstance.fetchOne(db, arn: arn) else { return }
        adjust(&ci, cpu: Int(t.cpu ?? "") ?? 0, memory: Int(t.memory ?? "") ?? 0, ports: hostPorts(t), add: true)
        try ci.upsert(db)
    }

    static func hostPorts(_ t: ECSTask) -> [Int] {
        t.containers.flatMap { ($0.networkBindings ?? []).compactMap(\.hostPort) }
    }

    static func adjust(_ ci: inout ContainerInstance, cpu: Int, memory: Int, ports: [Int], add: Bool) {
        let sign = add ? 1 : -1
        for i in ci.remainingResources.indices {
            switch ci.remainingResources[i].name {
            case "CPU": ci.remainingResources[i].integerValue = (ci.remainingResources[i].integerValue ?? 0) + sign * cpu
            case "MEMORY": ci.remainingResources[i].integerValue = (ci.remainingResources[i].integerValue ?? 0) + sign * memory
            case "PORTS":
                var set = Set(ci.remainingResources[i].stringSetValue ?? [])
                for p in ports { if add { set.remove(String(p)) } else { set.insert(String(p)) } }
                ci.remainingResources[i].stringSetValue = set.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
            default: break
            }
        }
    }
}
