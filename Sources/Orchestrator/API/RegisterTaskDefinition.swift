public struct RegisterTaskDefinitionRequest: Codable, Sendable {
    public var family: String
    public var containerDefinitions: [ContainerDefinition]
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    public var networkMode: String?
    public var requiresCompatibilities: [String]?
    public var cpu: String?
    public var memory: String?
    public var placementConstraints: [TaskDefinitionPlacementConstraint]?
    public var tags: [Tag]?
    public init(family: String, containerDefinitions: [ContainerDefinition], taskRoleArn: String? = nil, networkMode: String? = nil,
                requiresCompatibilities: [String]? = nil, cpu: String? = nil, memory: String? = nil, tags: [Tag]? = nil,
                executionRoleArn: String? = nil, placementConstraints: [TaskDefinitionPlacementConstraint]? = nil) {
        self.executionRoleArn = executionRoleArn; self.placementConstraints = placementConstraints
        self.family = family; self.containerDefinitions = containerDefinitions; self.taskRoleArn = taskRoleArn
        self.networkMode = networkMode; self.requiresCompatibilities = requiresCompatibilities
        self.cpu = cpu; self.memory = memory; self.tags = tags
    }
}
public struct RegisterTaskDefinitionResponse: Codable, Sendable {
    public var taskDefinition: TaskDefinition
    public var tags: [Tag]?
}
