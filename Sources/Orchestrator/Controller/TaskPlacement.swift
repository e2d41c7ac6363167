import Foundation

// Interim placement algorithm, replaced by the orch-sched Placer when merged.

struct PlacementOutcome: Sendable {
    /// Chosen instance ARNs, one per placed task.
    var placed: [String]
    /// Why the rest could not be placed (ECS event wording), if any.
    var failure: String?
    /// RunTask's failure reason code (RESOURCE:MEMORY, ...), if any.
    var failureCode: String?
}

enum TaskPlacement {
    static func place(count: Int, task: TaskNeeds, constraints: [PlacementConstraint], strategies: [PlacementStrategy],
                      candidates: inout [InstanceCapacity]) -> PlacementOutcome {
        var placed: [String] = []
        if candidates.isEmpty {
            return PlacementOutcome(placed: [], failure: "no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.", failureCode: "No Container Instances were found in your cluster.")
        }
        for _ in 0..<count {
            var lastReason = "RESOURCE:MEMORY"
            var closest: String?
            var feasible: [Int] = []
            for (i, c) in candidates.enumerated() {
                if !constraintsHold(constraints, c, task) { lastReason = "MemberOf"; continue }
                if c.remainingCPU < task.cpu { lastReason = "RESOURCE:CPU"; closest = closest ?? c.id; continue }
                if c.remainingMemory < task.memory { lastReason = "RESOURCE:MEMORY"; closest = closest ?? c.id; continue }
                if !c.usedHostPorts.isDisjoint(with: task.hostPorts) { lastReason = "RESOURCE:PORTS"; closest = closest ?? c.id; continue }
                feasible.append(i)
            }
            guard !feasible.isEmpty else {
                let what: String
                switch lastReason {
                case "RESOURCE:CPU": what = "insufficient CPU units available"
                case "RESOURCE:PORTS": what = "is already using a port required by your task"
                case "MemberOf": what = ""
                default: what = "insufficient memory available"
                }
                let text = closest.map { "no container instance met all of its requirements. The closest matching (container-instance \(ARN.lastComponent($0))) has \(what)." }
                    ?? "no container instance met all of its requirements. Reason: No Container Instances were found in your cluster that satisfy the placement constraints."
                return PlacementOutcome(placed: placed, failure: text, failureCode: lastReason)
            }
            let pick = choose(feasible, strategies, candidates, task)
            candidates[pick].remainingCPU -= task.cpu
            candidates[pick].remainingMemory -= task.memory
            candidates[pick].usedHostPorts.formUnion(task.hostPorts)
            candidates[pick].tasksByGroup[task.group, default: 0] += 1
            placed.append(candidates[pick].id)
        }
        return PlacementOutcome(placed: placed, failure: nil, failureCode: nil)
    }

    static func constraintsHold(_ cs: [PlacementConstraint], _ c: InstanceCapacity, _ t: TaskNeeds) -> Bool {
        for k in cs {
            if k.type == "distinctInstance", (c.tasksByGroup[t.group] ?? 0) > 0 { return false }
            if k.type == "memberOf", let e = k.expression {
                let parts = e.components(separatedBy: " ").filter { !$0.isEmpty }
                guard parts.count >= 3, parts[0].hasPrefix("attribute:") else { continue }
                let name = String(parts[0].dropFirst("attribute:".count))
                let value = parts[2...].joined(separator: " ")
                let have = c.attributes[name]
                switch parts[1] {
                case "==": if have != value { return false }
                case "!=": if have == value { return false }
                case "in":
                    let set = value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    if !set.contains(have ?? "\u{0}") { return false }
                default: continue
                }
            }
        }
        return true
    }

    private static func choose(_ feasible: [Int], _ strategies: [PlacementStrategy], _ cs: [InstanceCapacity], _ t: TaskNeeds) -> Int {
        var best = feasible
        for s in strategies.isEmpty ? [PlacementStrategy(type: "spread", field: "instanceId")] : strategies {
            guard best.count > 1 else { break }
            let score: (Int) -> Int
            switch (s.type, s.field?.lowercased()) {
            case ("binpack", "cpu"): score = { cs[$0].remainingCPU }
            case ("binpack", _): score = { cs[$0].remainingMemory }
            case ("spread", _): score = { cs[$0].tasksByGroup[t.group] ?? 0 }
            default: continue
            }
            let m = best.map(score).min() ?? 0
            best = best.filter { score($0) == m }
        }
        return best.min { cs[$0].id < cs[$1].id } ?? feasible[0]
    }
}

extension TaskPlacement {
    /// Whether an instance satisfies `memberOf` constraints (DAEMON eligibility).
    static func admits(_ constraints: [PlacementConstraint], _ c: InstanceCapacity) -> Bool {
        constraintsHold(constraints.filter { $0.type == "memberOf" }, c, TaskNeeds(cpu: 0, memory: 0, hostPorts: [], group: ""))
    }
}
