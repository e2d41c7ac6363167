public struct GetRolePolicyRequest: Codable, Sendable {
    public var RoleName: String
    public var PolicyName: String
    public init(RoleName: String, PolicyName: String) { self.RoleName = RoleName; self.PolicyName = PolicyName }
}
public struct GetRolePolicyResponse: Codable, Sendable {
    public var RoleName: String
    public var PolicyName: String
    public var PolicyDocument: String
}
