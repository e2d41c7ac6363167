public struct DeleteServiceRequest: Codable, Sendable {
    public var cluster: String?
    public var service: String
    public var force: Bool?
    public init(cluster: String? = nil, service: String, force: Bool? = nil) { self.cluster = cluster; self.service = service; self.force = force }
}
public struct DeleteServiceResponse: Codable, Sendable { public var service: Service }
