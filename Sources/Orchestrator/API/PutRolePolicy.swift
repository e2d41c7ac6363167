public struct PutRolePolicyRequest: Codable, Sendable {
    public var RoleName: String
    public var PolicyName: String
    public var PolicyDocument: String
    public init(RoleName: String, PolicyName: String, PolicyDocument: String) {
        self.RoleName = RoleName; self.PolicyName = PolicyName; self.PolicyDocument = PolicyDocument
    }
}
public struct PutRolePolicyResponse: Codable, Sendable { public init() {} }
