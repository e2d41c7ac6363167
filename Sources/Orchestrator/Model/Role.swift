import Foundation

/// An IAM-shaped role for tasks (PascalCase as IAM's JSON shapes).
public struct Role: Codable, Sendable, Equatable {
    public var Path: String
    public var RoleName: String
    public var RoleId: String
    public var Arn: String
    public var CreateDate: Date
    public var AssumeRolePolicyDocument: String?
    public var Description: String?
    public var MaxSessionDuration: Int
    public var Tags: [IAMTag]?
}

/// IAM's tag shape, `{Key, Value}`.
public struct IAMTag: Codable, Sendable, Equatable {
    public var Key: String
    public var Value: String
    public init(Key: String, Value: String) { self.Key = Key; self.Value = Value }
}

/// Secrets Manager's description of a secret: never the value.
public struct SecretMetadata: Codable, Sendable, Equatable {
    public var ARN: String
    public var Name: String
    public var Description: String?
    public var CreatedDate: Date
    public var LastChangedDate: Date
    public var VersionId: String?
}
