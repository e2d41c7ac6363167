public struct PutSecretValueRequest: Codable, Sendable {
    public var SecretId: String
    public var SecretString: String
    public init(SecretId: String, SecretString: String) { self.SecretId = SecretId; self.SecretString = SecretString }
}
public struct PutSecretValueResponse: Codable, Sendable {
    public var ARN: String
    public var Name: String
    public var VersionId: String
}
