public struct GetRoleRequest: Codable, Sendable {
    public var RoleName: String
    public init(RoleName: String) { self.RoleName = RoleName }
}
public struct GetRoleResponse: Codable, Sendable { public var Role: Role }
