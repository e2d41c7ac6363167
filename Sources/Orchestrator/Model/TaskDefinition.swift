import Foundation

/// One immutable revision of a task definition family.
public struct TaskDefinition: Codable, Sendable, Equatable {
    public var taskDefinitionArn: String
    public var family: String
    public var revision: Int
    public var status: String
    public var containerDefinitions: [ContainerDefinition]
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    public var networkMode: String?
    public var requiresCompatibilities: [String]?
    public var compatibilities: [String]?
    public var cpu: String?
    public var memory: String?
    public var placementConstraints: [TaskDefinitionPlacementConstraint]?
    public var registeredAt: Date?
    public var deregisteredAt: Date?
    public var registeredBy: String?

    var isFargate: Bool { requiresCompatibilities?.contains("FARGATE") ?? false }

    /// Task-level CPU units: the definition's `cpu`, else the sum of container reservations.
    var taskCPU: Int {
        if let cpu, let v = Int(cpu) { return v }
        return containerDefinitions.reduce(0) { $0 + ($1.cpu ?? 0) }
    }
    /// Task-level memory (MiB): the definition's `memory`, else the sum of container limits/reservations.
    var taskMemory: Int {
        if let memory, let v = Int(memory) { return v }
        return containerDefinitions.reduce(0) { $0 + ($1.memory ?? $1.memoryReservation ?? 0) }
    }
    /// Host ports the task binds (bridge/host network modes).
    var hostPorts: [Int] {
        containerDefinitions.flatMap { c in
            (c.portMappings ?? []).compactMap { pm -> Int? in
                if networkMode == "host" { return pm.hostPort ?? pm.containerPort }
                if networkMode == "awsvpc" { return nil }
                guard let hp = pm.hostPort, hp != 0 else { return nil }
                return hp
            }
        }
    }
}

/// A placement constraint in a task definition (only `memberOf`).
public struct TaskDefinitionPlacementConstraint: Codable, Sendable, Equatable {
    public var type: String
    public var expression: String?
}

/// A container in a task definition.
public struct ContainerDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var image: String
    public var cpu: Int?
    public var memory: Int?
    public var memoryReservation: Int?
    public var essential: Bool?
    public var portMappings: [PortMapping]?
    public var command: [String]?
    public var entryPoint: [String]?
    public var environment: [KeyValuePair]?
    public var secrets: [SecretReference]?
    public var healthCheck: HealthCheck?
    public var workingDirectory: String?
    public var dockerLabels: [String: String]?
    public var links: [String]?
}

/// A port mapping; `hostPort` 0 or absent means dynamic in bridge mode.
public struct PortMapping: Codable, Sendable, Equatable {
    public var containerPort: Int?
    public var hostPort: Int?
    public var `protocol`: String?
    public var name: String?
}

/// A secret to inject as environment: `valueFrom` is a Secrets Manager ARN (or name).
public struct SecretReference: Codable, Sendable, Equatable {
    public var name: String
    public var valueFrom: String
}

/// A container health check, as ECS and Docker define it.
public struct HealthCheck: Codable, Sendable, Equatable {
    public var command: [String]
    public var interval: Int?
    public var timeout: Int?
    public var retries: Int?
    public var startPeriod: Int?
}
