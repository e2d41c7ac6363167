/// IAM `CreateRole`: PascalCase member names as in IAM's JSON shapes.
public struct CreateRoleRequest: Codable, Sendable {
    public var RoleName: String
    public var AssumeRolePolicyDocument: String?
    public var Description: String?
    public var MaxSessionDuration: Int?
    public var Path: String?
    public var Tags: [IAMTag]?
    public init(RoleName: String, AssumeRolePolicyDocument: String? = nil, Description: String? = nil, MaxSessionDuration: Int? = nil) {
        self.RoleName = RoleName; self.AssumeRolePolicyDocument = AssumeRolePolicyDocument
        self.Description = Description; self.MaxSessionDuration = MaxSessionDuration
    }
}
public struct CreateRoleResponse: Codable, Sendable { public var Role: Role }
