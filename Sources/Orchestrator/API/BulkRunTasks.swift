/// ecsform's bulk path: RunTask without the limit of 10, for capacity planning, load tests
/// and the placement benchmark. Tasks are placed one by one (same placement as RunTask)
/// and recorded in one transaction; `launch: false` leaves them PROVISIONING for the next
/// reconcile to start.
public struct BulkRunTasksRequest: Codable, Sendable {
    public var cluster: String?
    public var taskDefinition: String
    public var count: Int
    public var group: String?
    public var placementConstraints: [PlacementConstraint]?
    public var placementStrategy: [PlacementStrategy]?
    public var launch: Bool?
    public init(cluster: String? = nil, taskDefinition: String, count: Int, group: String? = nil,
                placementConstraints: [PlacementConstraint]? = nil, placementStrategy: [PlacementStrategy]? = nil, launch: Bool? = nil) {
        self.cluster = cluster; self.taskDefinition = taskDefinition; self.count = count; self.group = group
        self.placementConstraints = placementConstraints; self.placementStrategy = placementStrategy; self.launch = launch
    }
}

public struct BulkRunTasksResponse: Codable, Sendable {
    public var placed: Int
    public var unplaced: Int
    public var failure: Failure?
}
