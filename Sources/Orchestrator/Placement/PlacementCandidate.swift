/// A host port in use or wanted, per transport protocol (tcp 80 and udp 80 do not conflict).
public struct HostPort: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Transport: String, Sendable, Hashable, Codable { case tcp, udp }

    public var port: Int
    public var transport: Transport

    public init(_ port: Int, _ transport: Transport = .tcp) {
        self.port = port
        self.transport = transport
    }

    public var description: String { "\(port)/\(transport.rawValue)" }
}

/// A container instance as placement sees it: what is still free and how it is labelled.
///
/// Placement's own input type so it stays a pure function of a snapshot, independent of
/// the store's model.
public struct PlacementCandidate: Sendable, Hashable {
    /// Container instance id (or ARN); also the tie-breaker: smaller ids win ties.
    public var id: String
    public var remainingCPU: Int
    /// MiB.
    public var remainingMemory: Int
    public var usedHostPorts: Set<HostPort>
    /// ECS attributes, e.g. `ecs.availability-zone`, `ecs.instance-type`, custom ones.
    public var attributes: [String: String]
    /// Running or pending tasks per task group (e.g. `service:web`), for spread and distinctInstance.
    public var tasksByGroup: [String: Int]

    public init(
        id: String,
        remainingCPU: Int,
        remainingMemory: Int,
        usedHostPorts: Set<HostPort> = [],
        attributes: [String: String] = [:],
        tasksByGroup: [String: Int] = [:]
    ) {
        self.id = id
        self.remainingCPU = remainingCPU
        self.remainingMemory = remainingMemory
        self.usedHostPorts = usedHostPorts
        self.attributes = attributes
        self.tasksByGroup = tasksByGroup
    }
}

/// What one task needs from an instance. Negative CPU or memory counts as 0 (a task never
/// gives capacity back by being placed; use `Placer.release` for that).
public struct PlacementTask: Sendable, Hashable {
    /// CPU units (1024 = one vCPU).
    public var cpu: Int
    /// MiB (the task's hard limit, or reservation when that is what the caller reserves).
    public var memory: Int
    /// Fixed host ports only; dynamic (0) host ports need nothing and must be left out.
    public var hostPorts: [HostPort]
    /// Task group, e.g. `service:web` or `family:batch`: the unit spread and distinctInstance count.
    public var group: String

    public init(cpu: Int, memory: Int, hostPorts: [HostPort] = [], group: String) {
        self.cpu = cpu
        self.memory = memory
        self.hostPorts = hostPorts
        self.group = group
    }
}
