public struct UpdateServiceRequest: Codable, Sendable {
    public var cluster: String?
    public var service: String
    public var desiredCount: Int?
    public var taskDefinition: String?
    public var deploymentConfiguration: DeploymentConfiguration?
    public var placementConstraints: [PlacementConstraint]?
    public var placementStrategy: [PlacementStrategy]?
    public var forceNewDeployment: Bool?
    public var healthCheckGracePeriodSeconds: Int?
    public init(cluster: String? = nil, service: String, desiredCount: Int? = nil, taskDefinition: String? = nil,
                deploymentConfiguration: DeploymentConfiguration? = nil, forceNewDeployment: Bool? = nil) {
        self.cluster = cluster; self.service = service; self.desiredCount = desiredCount; self.taskDefinition = taskDefinition
        self.deploymentConfiguration = deploymentConfiguration; self.forceNewDeployment = forceNewDeployment
    }
}
public struct UpdateServiceResponse: Codable, Sendable { public var service: Service }
