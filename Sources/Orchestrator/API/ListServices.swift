public struct ListServicesRequest: Codable, Sendable {
    public var cluster: String?
    public var launchType: String?
    public var schedulingStrategy: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(cluster: String? = nil) { self.cluster = cluster }
}
public struct ListServicesResponse: Codable, Sendable {
    public var serviceArns: [String]
    public var nextToken: String?
}
