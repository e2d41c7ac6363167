import Foundation

/// A task: one running instance of a task definition.
public struct ECSTask: Codable, Sendable, Equatable {
    public var taskArn: String
    public var clusterArn: String
    public var taskDefinitionArn: String
    public var containerInstanceArn: String?
    public var lastStatus: String
    public var desiredStatus: String
    public var containers: [Container]
    public var cpu: String?
    public var memory: String?
    public var launchType: String
    public var startedBy: String?
    public var group: String?
    public var createdAt: Date?
    public var startedAt: Date?
    public var stoppingAt: Date?
    public var stoppedAt: Date?
    public var stopCode: String?
    public var stoppedReason: String?
    public var healthStatus: String?
    public var version: Int
    public var tags: [Tag]?
    public var overrides: TaskOverride?

    var id: String { ARN.lastComponent(taskArn) }
    var isStopped: Bool { lastStatus == "STOPPED" }
}

/// A container of a task, with its status and exit code.
public struct Container: Codable, Sendable, Equatable {
    public var containerArn: String
    public var taskArn: String
    public var name: String
    public var image: String
    public var lastStatus: String
    public var exitCode: Int?
    public var reason: String?
    public var healthStatus: String?
    public var runtimeId: String?
    public var networkBindings: [NetworkBinding]?
    public var cpu: String?
    public var memory: String?
}

/// A host port bound for a container port.
public struct NetworkBinding: Codable, Sendable, Equatable {
    public var bindIP: String?
    public var containerPort: Int?
    public var hostPort: Int?
    public var `protocol`: String?
}

/// Per-run overrides (RunTask `overrides`): environment and command per container.
public struct TaskOverride: Codable, Sendable, Equatable {
    public var containerOverrides: [ContainerOverride]?
    public var taskRoleArn: String?
    public init(containerOverrides: [ContainerOverride]? = nil, taskRoleArn: String? = nil) {
        self.containerOverrides = containerOverrides; self.taskRoleArn = taskRoleArn
    }
}

/// Overrides for one named container.
public struct ContainerOverride: Codable, Sendable, Equatable {
    public var name: String?
    public var command: [String]?
    public var environment: [KeyValuePair]?
    public init(name: String? = nil, command: [String]? = nil, environment: [KeyValuePair]? = nil) {
        self.name = name; self.command = command; self.environment = environment
    }
}
