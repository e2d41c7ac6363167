import Foundation

/// An ECS service: keeps `desiredCount` copies (REPLICA) or one per instance (DAEMON) running.
public struct Service: Codable, Sendable, Equatable {
    public var serviceArn: String
    public var serviceName: String
    public var clusterArn: String
    public var status: String
    public var desiredCount: Int
    public var runningCount: Int
    public var pendingCount: Int
    public var launchType: String?
    public var taskDefinition: String
    public var deploymentConfiguration: DeploymentConfiguration?
    public var deployments: [Deployment]
    public var events: [ServiceEvent]
    public var placementConstraints: [PlacementConstraint]?
    public var placementStrategy: [PlacementStrategy]?
    public var schedulingStrategy: String
    public var createdAt: Date?
    public var createdBy: String?
    public var tags: [Tag]?
    public var propagateTags: String?
    public var enableECSManagedTags: Bool?
    public var healthCheckGracePeriodSeconds: Int?
}

/// Rolling-update limits and the circuit breaker.
public struct DeploymentConfiguration: Codable, Sendable, Equatable {
    public var deploymentCircuitBreaker: DeploymentCircuitBreaker?
    public var maximumPercent: Int?
    public var minimumHealthyPercent: Int?
    public init(deploymentCircuitBreaker: DeploymentCircuitBreaker? = nil, maximumPercent: Int? = nil, minimumHealthyPercent: Int? = nil) {
        self.deploymentCircuitBreaker = deploymentCircuitBreaker
        self.maximumPercent = maximumPercent
        self.minimumHealthyPercent = minimumHealthyPercent
    }
}

/// Stops a deployment whose tasks keep failing; with `rollback`, returns to the last completed one.
public struct DeploymentCircuitBreaker: Codable, Sendable, Equatable {
    public var enable: Bool
    public var rollback: Bool
    public init(enable: Bool, rollback: Bool) { self.enable = enable; self.rollback = rollback }
}

/// One deployment of a service: PRIMARY (the newest), ACTIVE (older, still with tasks), INACTIVE.
public struct Deployment: Codable, Sendable, Equatable {
    public var id: String
    public var status: String
    public var taskDefinition: String
    public var desiredCount: Int
    public var pendingCount: Int
    public var runningCount: Int
    public var failedTasks: Int
    public var createdAt: Date?
    public var updatedAt: Date?
    public var launchType: String?
    public var rolloutState: String?
    public var rolloutStateReason: String?
}

/// A service event; services keep the newest first.
public struct ServiceEvent: Codable, Sendable, Equatable {
    public var id: String
    public var createdAt: Date
    public var message: String
}
