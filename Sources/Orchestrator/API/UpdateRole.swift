public struct UpdateRoleRequest: Codable, Sendable {
    public var RoleName: String
    public var Description: String?
    public var MaxSessionDuration: Int?
    public init(RoleName: String, Description: String? = nil, MaxSessionDuration: Int? = nil) {
        self.RoleName = RoleName; self.Description = Description; self.MaxSessionDuration = MaxSessionDuration
    }
}
public struct UpdateRoleResponse: Codable, Sendable { public init() {} }
