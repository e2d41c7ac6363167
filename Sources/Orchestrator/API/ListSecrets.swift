public struct ListSecretsRequest: Codable, Sendable {
    public var MaxResults: Int?
    public init(MaxResults: Int? = nil) { self.MaxResults = MaxResults }
}
public struct ListSecretsResponse: Codable, Sendable { public var SecretList: [SecretMetadata] }
