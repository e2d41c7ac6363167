public struct CreateServiceRequest: Codable, Sendable {
    public var cluster: String?
    public var serviceName: String
    public var taskDefinition: String?
    public var desiredCount: Int?
    public var launchType: String?
    public var deploymentConfiguration: DeploymentConfiguration?
    public var placementConstraints: [PlacementConstraint]?
    public var placementStrategy: [PlacementStrategy]?
    public var schedulingStrategy: String?
    public var tags: [Tag]?
    public var propagateTags: String?
    public var enableECSManagedTags: Bool?
    public var healthCheckGracePeriodSeconds: Int?
    public var clientToken: String?
    public init(cluster: String? = nil, serviceName: String, taskDefinition: String?, desiredCount: Int? = nil,
                launchType: String? = nil, deploymentConfiguration: DeploymentConfiguration? = nil,
                placementConstraints: [PlacementConstraint]? = nil, placementStrategy: [PlacementStrategy]? = nil,
                schedulingStrategy: String? = nil, tags: [Tag]? = nil) {
        self.cluster = cluster; self.serviceName = serviceName; self.taskDefinition = taskDefinition
        self.desiredCount = desiredCount; self.launchType = launchType; self.deploymentConfiguration = deploymentConfiguration
        self.placementConstraints = placementConstraints; self.placementStrategy = placementStrategy
        self.schedulingStrategy = schedulingStrategy; self.tags = tags
    }
}
public struct CreateServiceResponse: Codable, Sendable { public var service: Service }
