public struct ListContainerInstancesRequest: Codable, Sendable {
    public var cluster: String?
    public var status: String?
    public var filter: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String? = nil, status: String? = nil) { self.cluster = cluster; self.status = status }
}
public struct ListContainerInstancesResponse: Codable, Sendable {
    public var containerInstanceArns: [String]
    public var nextToken: String?
}
