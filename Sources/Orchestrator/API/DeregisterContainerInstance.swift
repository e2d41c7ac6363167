public struct DeregisterContainerInstanceRequest: Codable, Sendable {
    public var cluster: String?
    public var containerInstance: String
    public var force: Bool?
    public init(cluster: String? = nil, containerInstance: String, force: Bool? = nil) {
        self.cluster = cluster; self.containerInstance = containerInstance; self.force = force
    }
}
public struct DeregisterContainerInstanceResponse: Codable, Sendable { public var containerInstance: ContainerInstance }
