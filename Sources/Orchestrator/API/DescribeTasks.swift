public struct DescribeTasksRequest: Codable, Sendable {
    public var cluster: String?
    public var tasks: [String]
    public var include: [String]?
    public init(cluster: String? = nil, tasks: [String], include: [String]? = nil) { self.cluster = cluster; self.tasks = tasks; self.include = include }
}
public struct DescribeTasksResponse: Codable, Sendable {
    public var tasks: [ECSTask]
    public var failures: [Failure]
}
