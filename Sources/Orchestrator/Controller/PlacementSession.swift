import Foundation

/// The controller's seam to the scheduler: the `Placer` over a snapshot of the free
/// capacity of a cluster's ACTIVE instances. Tasks are placed one by one (each placement
/// updates the snapshot) and released when their stop is requested in the same transaction.
struct PlacementSession: Sendable {
    /// A private attribute carrying each instance's ID, so a DAEMON launch can be pinned to
    /// one instance with an ordinary `memberOf` constraint.
    static let instanceAttribute = "ecsform.container-instance-id"

    private var placer: Placer
    private var policies: [String: PlacementPolicy] = [:]
    let instanceIDs: [String]
    private let attributes: [String: [String: String]]

    init(candidates: [InstanceCapacity]) throws {
        var attrs: [String: [String: String]] = [:]
        let converted = candidates.map { c -> PlacementCandidate in
            var a = c.attributes
            a[Self.instanceAttribute] = ARN.lastComponent(c.id)
            attrs[c.id] = a
            return PlacementCandidate(id: c.id, remainingCPU: c.remainingCPU, remainingMemory: c.remainingMemory,
                                      usedHostPorts: Set(c.usedHostPorts.map { HostPort($0) }), attributes: a,
                                      tasksByGroup: c.tasksByGroup)
        }
        do { placer = try Placer(candidates: converted) } catch { throw ECSError.invalidParameter(error.message) }
        instanceIDs = candidates.map(\.id).sorted()
        attributes = attrs
    }

    var isEmpty: Bool { instanceIDs.isEmpty }

    /// Places one task; `instance` restricts the choice to that instance (DAEMON services).
    mutating func place(_ task: TaskNeeds, constraints: [PlacementConstraint], strategies: [PlacementStrategy],
                        on instance: String? = nil) throws -> Result<String, PlacementMiss> {
        var cs = constraints
        if let instance { cs.append(.memberOf("attribute:\(Self.instanceAttribute) == \(ARN.lastComponent(instance))")) }
        let p = try policy(cs, strategies)
        switch placer.place(Self.placementTask(task), policy: p) {
        case .success(let id): return .success(id)
        case .failure(let f): return .failure(PlacementMiss(explanation: f.explanation, reason: f.ecsReason))
        }
    }

    /// Gives back what a task took from an instance.
    mutating func release(_ task: TaskNeeds, from id: String) {
        placer.release(Self.placementTask(task), from: id)
    }

    /// The current free capacity of an instance (after the placements made so far).
    func remaining(_ id: String) -> InstanceCapacity? {
        placer.candidate(id).map {
            InstanceCapacity(id: $0.id, remainingCPU: $0.remainingCPU, remainingMemory: $0.remainingMemory,
                             usedHostPorts: Set($0.usedHostPorts.filter { $0.transport == .tcp }.map(\.port)),
                             attributes: $0.attributes, tasksByGroup: $0.tasksByGroup)
        }
    }

    /// Whether an instance satisfies the `memberOf` constraints (DAEMON eligibility).
    func admits(_ constraints: [PlacementConstraint], instance id: String) throws -> Bool {
        let memberOf = constraints.filter { $0.type == "memberOf" }
        guard !memberOf.isEmpty else { return attributes[id] != nil }
        guard let attrs = attributes[id] else { return false }
        let p: PlacementPolicy
        do { p = try PlacementPolicy(constraints: memberOf) } catch { throw ECSError.invalidParameter(error.message) }
        return p.memberOf.allSatisfy { $0.query.matches(attrs) }
    }

    private mutating func policy(_ cs: [PlacementConstraint], _ ss: [PlacementStrategy]) throws -> PlacementPolicy {
        let key = cs.map { "\($0.type)|\($0.expression ?? "")" }.joined(separator: ";") + "#" + ss.map { "\($0.type)|\($0.field ?? "")" }.joined(separator: ";")
        if let p = policies[key] { return p }
        do {
            let p = try PlacementPolicy(constraints: cs, strategies: ss)
            policies[key] = p
            return p
        } catch {
            throw ECSError.invalidParameter(error.message)
        }
    }

    private static func placementTask(_ t: TaskNeeds) -> PlacementTask {
        PlacementTask(cpu: t.cpu, memory: t.memory, hostPorts: t.hostPorts.map { HostPort($0) }, group: t.group)
    }
}

/// Why a task could not be placed: the ECS event text (after "(service NAME) ") and the
/// RunTask failure reason.
struct PlacementMiss: Error, Sendable {
    var explanation: String
    var reason: String
}
