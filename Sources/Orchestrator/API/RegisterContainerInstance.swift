public struct RegisterContainerInstanceRequest: Codable, Sendable {
    public var cluster: String?
    public var totalResources: [Resource]?
    public var attributes: [Attribute]?
    public var tags: [Tag]?
    public var containerInstanceArn: String?
    public init(cluster: String? = nil, totalResources: [Resource]? = nil, attributes: [Attribute]? = nil, tags: [Tag]? = nil) {
        self.cluster = cluster; self.totalResources = totalResources; self.attributes = attributes; self.tags = tags
    }
}
public struct RegisterContainerInstanceResponse: Codable, Sendable { public var containerInstance: ContainerInstance }
