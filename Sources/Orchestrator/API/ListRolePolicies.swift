public struct ListRolePoliciesRequest: Codable, Sendable {
    public var RoleName: String
    public init(RoleName: String) { self.RoleName = RoleName }
}
public struct ListRolePoliciesResponse: Codable, Sendable {
    public var PolicyNames: [String]
    public var IsTruncated: Bool
}
