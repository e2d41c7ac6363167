/// The feasibility filters for one task, in the order they run: distinctInstance, memberOf,
/// CPU, memory, host ports. The first filter a candidate fails is the one reported.
struct FeasibilityCheck {
    var cpu: Int
    var memory: Int
    var ports: [HostPort]
    var distinctInstance: Bool
    /// One mask per memberOf constraint, indexed by candidate.
    var memberOf: [[Bool]]
    /// A task asking twice for one host port fits nowhere.
    var repeatsPort: Bool

    init(cpu: Int, memory: Int, ports: [HostPort], distinctInstance: Bool, memberOf: [[Bool]]) {
        self.cpu = cpu
        self.memory = memory
        self.ports = ports
        self.distinctInstance = distinctInstance
        self.memberOf = memberOf
        repeatsPort = Set(ports).count != ports.count
    }
}

extension Placer {
    /// The first filter that rejects candidate `index`, or nil when it can take the task.
    @inline(__always)
    func rejection(of index: Int, _ check: FeasibilityCheck, group: Int) -> PlacementFilter? {
        if check.distinctInstance, groupCounts[group][index] > 0 { return .distinctInstance }
        for mask in check.memberOf where !mask[index] { return .memberOf }
        if cpu[index] < check.cpu { return .cpu }
        if memory[index] < check.memory { return .memory }
        if !check.ports.isEmpty {
            let used = ports[index]
            for port in check.ports where used.contains(port) { return .ports }
            if check.repeatsPort { return .ports }
        }
        return nil
    }
}
