public struct ListTasksRequest: Codable, Sendable {
    public var cluster: String?
    public var serviceName: String?
    public var family: String?
    public var containerInstance: String?
    public var startedBy: String?
    public var desiredStatus: String?
    public var launchType: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String? = nil, serviceName: String? = nil, family: String? = nil, containerInstance: String? = nil,
                startedBy: String? = nil, desiredStatus: String? = nil) {
        self.cluster = cluster; self.serviceName = serviceName; self.family = family
        self.containerInstance = containerInstance; self.startedBy = startedBy; self.desiredStatus = desiredStatus
    }
}
public struct ListTasksResponse: Codable, Sendable {
    public var taskArns: [String]
    public var nextToken: String?
}
