/// Secrets Manager `CreateSecret`. The value is encrypted at rest and never returned by describe/list.
public struct CreateSecretRequest: Codable, Sendable {
    public var Name: String
    public var SecretString: String
    public var Description: String?
    public init(Name: String, SecretString: String, Description: String? = nil) {
        self.Name = Name; self.SecretString = SecretString; self.Description = Description
    }
}
public struct CreateSecretResponse: Codable, Sendable {
    public var ARN: String
    public var Name: String
    public var VersionId: String
}
