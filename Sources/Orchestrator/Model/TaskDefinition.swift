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
    public init(type: String, expression: String? = nil) { self.type = type; self.expression = expression }
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

    public init(name: String, image: String, cpu: Int? = nil, memory: Int? = nil, memoryReservation: Int? = nil,
                essential: Bool? = nil, portMappings: [PortMapping]? = nil, command: [String]? = nil,
                entryPoint: [String]? = nil, environment: [KeyValuePair]? = nil, secrets: [SecretReference]? = nil,
                healthCheck: HealthCheck? = nil, workingDirectory: String? = nil, dockerLabels: [String: String]? = nil,
                links: [String]? = nil) {
        self.name = name; self.image = image; self.cpu = cpu; self.memory = memory
        self.memoryReservation = memoryReservation; self.essential = essential; self.portMappings = portMappings
        self.command = command; self.entryPoint = entryPoint; self.environment = environment; self.secrets = secrets
        self.healthCheck = healthCheck; self.workingDirectory = workingDirectory; self.dockerLabels = dockerLabels
        self.links = links
    }
}

/// A port mapping; `hostPort` 0 or absent means dynamic in bridge mode.
public struct PortMapping: Codable, Sendable, Equatable {
    public var containerPort: Int?
    public var hostPort: Int?
    public var `protocol`: String?
    public var name: String?

    public init(containerPort: Int?, hostPort: Int? = nil, protocol: String? = nil, name: String? = nil) {
        self.containerPort = containerPort; self.hostPort = hostPort; self.protocol = `protocol`; self.name = name
    }
}

/// A secret to inject as environment: `valueFrom` is a Secrets Manager ARN (or name).
public struct SecretReference: Codable, Sendable, Equatable {
    public var name: String
    public var valueFrom: String

    public init(name: String, valueFrom: String) { self.name = name; self.valueFrom = valueFrom }
}

/// A container health check, as ECS and Docker define it.
public struct HealthCheck: Codable, Sendable, Equatable {
    public var command: [String]
    public var interval: Int?
    public var timeout: Int?
    public var retries: Int?
    public var startPeriod: Int?

    public init(command: [String], interval: Int? = nil, timeout: Int? = nil, retries: Int? = nil, startPeriod: Int? = nil) {
        self.command = command; self.interval = interval; self.timeout = timeout; self.retries = retries; self.startPeriod = startPeriod
    }
}
