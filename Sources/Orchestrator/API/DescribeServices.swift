public struct DescribeServicesRequest: Codable, Sendable {
    public var cluster: String?
    public var services: [String]
    public var include: [String]?
    public init(cluster: String? = nil, services: [String]) { self.cluster = cluster; self.services = services }
}
public struct DescribeServicesResponse: Codable, Sendable {
    public var services: [Service]
    public var failures: [Failure]
}
