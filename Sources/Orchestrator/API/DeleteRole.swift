public struct DeleteRoleRequest: Codable, Sendable {
    public var RoleName: String
    public init(RoleName: String) { self.RoleName = RoleName }
}
public struct DeleteRoleResponse: Codable, Sendable { public init() {} }
