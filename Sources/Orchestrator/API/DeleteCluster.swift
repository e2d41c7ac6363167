public struct DeleteClusterRequest: Codable, Sendable {
    public var cluster: String
    public init(cluster: String) { self.cluster = cluster }
}
public struct DeleteClusterResponse: Codable, Sendable { public var cluster: Cluster }
