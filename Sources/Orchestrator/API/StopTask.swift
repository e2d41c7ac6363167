public struct StopTaskRequest: Codable, Sendable {
    public var cluster: String?
    public var task: String
    public var reason: String?
    public init(cluster: String? = nil, task: String, reason: String? = nil) { self.cluster = cluster; self.task = task; self.reason = reason }
}
public struct StopTaskResponse: Codable, Sendable { public var task: ECSTask }
