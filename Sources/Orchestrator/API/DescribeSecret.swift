public struct DescribeSecretRequest: Codable, Sendable {
    public var SecretId: String
    public init(SecretId: String) { self.SecretId = SecretId }
}
public typealias DescribeSecretResponse = SecretMetadata
