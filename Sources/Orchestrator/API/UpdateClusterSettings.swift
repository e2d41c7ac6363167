public struct UpdateClusterSettingsRequest: Codable, Sendable {
    public var cluster: String
    public var settings: [ClusterSetting]
    public init(cluster: String, settings: [ClusterSetting]) { self.cluster = cluster; self.settings = settings }
}
public struct UpdateClusterSettingsResponse: Codable, Sendable { public var cluster: Cluster }
