public struct ListClustersRequest: Codable, Sendable {
    public var maxResults: Int?
    public var nextToken: String?
    public init(maxResults: Int? = nil, nextToken: String? = nil) { self.maxResults = maxResults; self.nextToken = nextToken }
}
public struct ListClustersResponse: Codable, Sendable {
    public var clusterArns: [String]
    public var nextToken: String?
}
