public struct CreateClusterRequest: Codable, Sendable {
    public var clusterName: String?
    public var settings: [ClusterSetting]?
    public var tags: [Tag]?
    public init(clusterName: String? = nil, settings: [ClusterSetting]? = nil, tags: [Tag]? = nil) {
        self.clusterName = clusterName; self.settings = settings; self.tags = tags
    }
}
public struct CreateClusterResponse: Codable, Sendable { public var cluster: Cluster }
