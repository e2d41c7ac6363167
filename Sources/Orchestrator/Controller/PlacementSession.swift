import Foundation

/// The controller's seam to the scheduler: a snapshot of the free capacity of a cluster's
/// ACTIVE instances, on which tasks are placed one by one (each placement updates the
/// snapshot), and released when stops are requested in the same transaction.
struct PlacementSession: Sendable {
    private var byID: [String: Int] = [:]
    private(set) var candidates: [InstanceCapacity]

    init(candidates: [InstanceCapacity]) throws {
        self.candidates = candidates.sorted { $0.id < $1.id }
        for (i, c) in self.candidates.enumerated() { byID[c.id] = i }
    }

    var isEmpty: Bool { candidates.isEmpty }
    var instanceIDs: [String] { candidates.map(\.id) }

    /// Places one task; `instance` restricts the choice to that instance (DAEMON services).
    mutating func place(_ task: TaskNeeds, constraints: [PlacementConstraint], strategies: [PlacementStrategy],
                        on instance: String? = nil) throws -> Result<String, PlacementMiss> {
        var pool = candidates
        var offset = 0
        if let instance {
            guard let i = byID[instance] else { return .failure(PlacementMiss.noInstances) }
            pool = [candidates[i]]
            offset = i
        }
        let outcome = TaskPlacement.place(count: 1, task: task, constraints: constraints, strategies: strategies, candidates: &pool)
        guard let chosen = outcome.placed.first, let i = byID[chosen] else {
            return .failure(PlacementMiss(explanation: "was unable to place a task because " + (outcome.failure ?? "no container instance met all of its requirements."),
                                          reason: outcome.failureCode ?? "RESOURCE:MEMORY"))
        }
        _ = offset
        candidates[i] = pool.first { $0.id == chosen } ?? candidates[i]
        return .success(chosen)
    }

    /// Gives back what a task took from an instance.
    mutating func release(_ task: TaskNeeds, from id: String) {
        guard let i = byID[id] else { return }
        candidates[i].remainingCPU += task.cpu
        candidates[i].remainingMemory += task.memory
        candidates[i].usedHostPorts.subtract(task.hostPorts)
        candidates[i].tasksByGroup[task.group, default: 1] -= 1
    }

    /// The current free capacity of an instance (after the placements made so far).
    func remaining(_ id: String) -> InstanceCapacity? { byID[id].map { candidates[$0] } }

    /// Whether an instance satisfies the `memberOf` constraints (DAEMON eligibility).
    func admits(_ constraints: [PlacementConstraint], instance id: String) throws -> Bool {
        guard let i = byID[id] else { return false }
        return TaskPlacement.admits(constraints, candidates[i])
    }
}

/// Why a task could not be placed: the ECS event text (after "(service NAME) ") and the
/// RunTask failure reason.
struct PlacementMiss: Error, Sendable {
    var explanation: String
    var reason: String

    static let noInstances = PlacementMiss(
        explanation: "was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster.",
        reason: "No Container Instances were found in your cluster.")
}
