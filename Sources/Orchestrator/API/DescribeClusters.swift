public struct DescribeClustersRequest: Codable, Sendable {
    public var clusters: [String]?
    public var include: [String]?
    public init(clusters: [String]? = nil, include: [String]? = nil) { self.clusters = clusters; self.include = include }
}
public struct DescribeClustersResponse: Codable, Sendable {
    public var clusters: [Cluster]
    public var failures: [Failure]
}
