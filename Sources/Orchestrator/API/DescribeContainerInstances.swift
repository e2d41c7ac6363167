public struct DescribeContainerInstancesRequest: Codable, Sendable {
    public var cluster: String?
    public var containerInstances: [String]
    public var include: [String]?
    public init(cluster: String? = nil, containerInstances: [String]) { self.cluster = cluster; self.containerInstances = containerInstances }
}
public struct DescribeContainerInstancesResponse: Codable, Sendable {
    public var containerInstances: [ContainerInstance]
    public var failures: [Failure]
}
