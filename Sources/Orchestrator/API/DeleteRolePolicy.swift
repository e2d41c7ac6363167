public struct DeleteRolePolicyRequest: Codable, Sendable {
    public var RoleName: String
    public var PolicyName: String
    public init(RoleName: String, PolicyName: String) { self.RoleName = RoleName; self.PolicyName = PolicyName }
}
public struct DeleteRolePolicyResponse: Codable, Sendable { public init() {} }
