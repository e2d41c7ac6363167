import Foundation

/// An ECS cluster. Counts are computed from the store when described.
public struct Cluster: Codable, Sendable, Equatable {
    public var clusterArn: String
    public var clusterName: String
    public var status: String
    public var registeredContainerInstancesCount: Int
    public var runningTasksCount: Int
    public var pendingTasksCount: Int
    public var activeServicesCount: Int
    public var settings: [ClusterSetting]?
    public var tags: [Tag]?
    public var capacityProviders: [String]?
}

/// A cluster setting such as `containerInsights`.
public struct ClusterSetting: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}
