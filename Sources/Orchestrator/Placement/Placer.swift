/// Places tasks one after another on a snapshot of container instances, the way Amazon ECS
/// does for EC2 capacity: feasibility filters (constraints, then CPU, memory, host ports),
/// then the strategies in order (the first decides, later ones break its ties, the smallest
/// id breaks what is left). Each placement updates the candidate it chose, so the next task
/// sees the new remaining resources and group counts.
///
/// Pure and in-memory: the caller builds it from the store, places, then persists the
/// result. Common policies (first strategy binpack, or spread on instanceId/host) use
/// indexes instead of scanning every candidate; they choose exactly what the general
/// filter/rank chain would choose.
public struct Placer: Sendable {
    // Candidates as parallel arrays in id order: index order is the final tie-break.
    let ids: [String]
    var cpu: [Int]
    var memory: [Int]
    var ports: [Set<HostPort>]
    let attributes: [[String: String]]
    /// Task group name → group number; `groupCounts[group][candidate]` tasks of that group.
    var groupNumbers: [String: Int] = [:]
    var groupNames: [String] = []
    var groupCounts: [[Int]] = []
    let indexByID: [String: Int]

    var memberOfMasks: [String: [Bool]] = [:]
    /// Attribute name → per-candidate value number (0 = attribute missing), built on first use.
    var attributeValueNumbers: [String: [Int]] = [:]
    /// Per group: attribute name → tasks of the group per value number, kept up to date
    /// once built, so spread on an attribute costs no string hashing per candidate.
    var attributeTotals: [[String: [Int]]] = []
    var attributeTotalNames: [[String]] = []
    /// Per group: attribute name → one spread index per value number, for the common
    /// spread(attribute) then spread(instanceId) policy.
    var zoneIndexes: [[String: [SpreadIndex]]] = []
    var zoneIndexNames: [[String]] = []
    var cpuIndex: SortedIndex?
    var memoryIndex: SortedIndex?
    var spreadIndexes: [Int: SpreadIndex] = [:]
    var random: SplitMix64
    /// Off only in tests that check the indexes against the general chain.
    var usesIndexes = true

    /// - Parameters:
    ///   - candidates: the instances tasks may go to; ids must be unique.
    ///   - seed: seeds the `random` strategy, so the same inputs place the same way.
    public init(candidates: [PlacementCandidate], seed: UInt64 = 0) throws(PlacementValidationError) {
        let sorted = candidates.sorted { $0.id < $1.id }
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(sorted.count)
        for (index, candidate) in sorted.enumerated() {
            guard indexByID.updateValue(index, forKey: candidate.id) == nil else {
                throw PlacementValidationError("Duplicate container instance \"\(candidate.id)\" among placement candidates.")
            }
        }
        self.indexByID = indexByID
        ids = sorted.map(\.id)
        cpu = sorted.map(\.remainingCPU)
        memory = sorted.map(\.remainingMemory)
        ports = sorted.map(\.usedHostPorts)
        attributes = sorted.map(\.attributes)
        random = SplitMix64(seed: seed)
        for (index, candidate) in sorted.enumerated() {
            for (group, count) in candidate.tasksByGroup {
                let number = groupNumber(group)
                groupCounts[number][index] = count
            }
        }
    }

    /// Number of candidates.
    public var count: Int { ids.count }

    /// The current state of one candidate (after the placements made so far).
    public func candidate(_ id: String) -> PlacementCandidate? {
        guard let index = indexByID[id] else { return nil }
        return candidate(at: index)
    }

    /// The current state of every candidate, in id order.
    public var candidates: [PlacementCandidate] { ids.indices.map(candidate(at:)) }

    func candidate(at index: Int) -> PlacementCandidate {
        var groups: [String: Int] = [:]
        for (number, counts) in groupCounts.enumerated() where counts[index] != 0 {
            groups[groupNames[number]] = counts[index]
        }
        return PlacementCandidate(
            id: ids[index], remainingCPU: cpu[index], remainingMemory: memory[index],
            usedHostPorts: ports[index], attributes: attributes[index], tasksByGroup: groups)
    }

    /// Places one task and records it on the chosen candidate; returns that candidate's id,
    /// or why no candidate fits (nothing is changed then).
    public mutating func place(_ task: PlacementTask, policy: PlacementPolicy) -> Result<String, PlacementFailure> {
        let group = groupNumber(task.group)
        let masks = masks(for: policy)
        let check = FeasibilityCheck(
            cpu: max(0, task.cpu), memory: max(0, task.memory), ports: task.hostPorts,
            distinctInstance: policy.distinctInstance, memberOf: masks)
        if usesIndexes, let chosen = placeWithIndexes(check, group: group, rankings: policy.rankings) {
            commit(check, group: group, to: chosen)
            return .success(ids[chosen])
        }
        // No index for this policy, or the index found nothing: the full scan decides and explains.
        switch placeByScanning(check, group: group, rankings: policy.rankings) {
        case let .success(chosen):
            commit(check, group: group, to: chosen)
            return .success(ids[chosen])
        case let .failure(failure):
            return .failure(failure)
        }
    }

    /// Gives back what a task placed earlier took (it stopped), so later placements can use it.
    /// Returns false when the candidate is unknown.
    @discardableResult
    public mutating func release(_ task: PlacementTask, from id: String) -> Bool {
        guard let index = indexByID[id] else { return false }
        let group = groupNumber(task.group)
        cpu[index] += max(0, task.cpu)
        memory[index] += max(0, task.memory)
        for port in task.hostPorts { ports[index].remove(port) }
        let old = groupCounts[group][index]
        let new = max(0, old - 1)
        groupCounts[group][index] = new
        cpuIndex?.update(index, to: cpu[index])
        memoryIndex?.update(index, to: memory[index])
        spreadIndexes[group]?.move(index, from: old, to: new)
        if old != new { adjustAttributeTotals(group: group, candidate: index, from: old, to: new) }
        return true
    }

    mutating func commit(_ check: FeasibilityCheck, group: Int, to index: Int) {
        cpu[index] -= check.cpu
        memory[index] -= check.memory
        for port in check.ports { ports[index].insert(port) }
        let old = groupCounts[group][index]
        groupCounts[group][index] = old + 1
        cpuIndex?.update(index, to: cpu[index])
        memoryIndex?.update(index, to: memory[index])
        spreadIndexes[group]?.move(index, from: old, to: old + 1)
        adjustAttributeTotals(group: group, candidate: index, from: old, to: old + 1)
    }

    private mutating func adjustAttributeTotals(group: Int, candidate: Int, from old: Int, to new: Int) {
        for name in attributeTotalNames[group] {
            guard let value = attributeValueNumbers[name]?[candidate] else { continue }
            attributeTotals[group][name]?[value] += new - old
        }
        for name in zoneIndexNames[group] {
            guard let value = attributeValueNumbers[name]?[candidate] else { continue }
            zoneIndexes[group][name]?[value].move(candidate, from: old, to: new)
        }
    }

    mutating func groupNumber(_ group: String) -> Int {
        if let number = groupNumbers[group] { return number }
        let number = groupNames.count
        groupNumbers[group] = number
        groupNames.append(group)
        groupCounts.append([Int](repeating: 0, count: ids.count))
        attributeTotals.append([:])
        attributeTotalNames.append([])
        zoneIndexes.append([:])
        zoneIndexNames.append([])
        return number
    }

    /// Attributes never change, so each memberOf expression is evaluated once per candidate.
    mutating func masks(for policy: PlacementPolicy) -> [[Bool]] {
        policy.memberOf.map { source, query in
            if let mask = memberOfMasks[source] { return mask }
            let mask = attributes.map { query.matches($0) }
            memberOfMasks[source] = mask
            return mask
        }
    }
}
