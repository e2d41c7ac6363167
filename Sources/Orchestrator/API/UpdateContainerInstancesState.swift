public struct UpdateContainerInstancesStateRequest: Codable, Sendable {
    public var cluster: String?
    public var containerInstances: [String]
    public var status: String
    public init(cluster: String? = nil, containerInstances: [String], status: String) {
        self.cluster = cluster; self.containerInstances = containerInstances; self.status = status
    }
}
public struct UpdateContainerInstancesStateResponse: Codable, Sendable {
    public var containerInstances: [ContainerInstance]
    public var failures: [Failure]
}
