public struct RunTaskRequest: Codable, Sendable {
    public var cluster: String?
    public var taskDefinition: String
    public var count: Int?
    public var launchType: String?
    public var startedBy: String?
    public var group: String?
    public var placementConstraints: [PlacementConstraint]?
    public var placementStrategy: [PlacementStrategy]?
    public var overrides: TaskOverride?
    public var tags: [Tag]?
    public var clientToken: String?
    public init(cluster: String? = nil, taskDefinition: String, count: Int? = nil, launchType: String? = nil,
                startedBy: String? = nil, group: String? = nil, placementConstraints: [PlacementConstraint]? = nil,
                placementStrategy: [PlacementStrategy]? = nil, overrides: TaskOverride? = nil, tags: [Tag]? = nil) {
        self.cluster = cluster; self.taskDefinition = taskDefinition; self.count = count; self.launchType = launchType
        self.startedBy = startedBy; self.group = group; self.placementConstraints = placementConstraints
        self.placementStrategy = placementStrategy; self.overrides = overrides; self.tags = tags
    }
}
public struct RunTaskResponse: Codable, Sendable {
    public var tasks: [ECSTask]
    public var failures: [Failure]
}
