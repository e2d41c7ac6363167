import Foundation

public struct DeleteSecretRequest: Codable, Sendable {
    public var SecretId: String
    public var ForceDeleteWithoutRecovery: Bool?
    public init(SecretId: String, ForceDeleteWithoutRecovery: Bool? = nil) {
        self.SecretId = SecretId; self.ForceDeleteWithoutRecovery = ForceDeleteWithoutRecovery
    }
}
public struct DeleteSecretResponse: Codable, Sendable {
    public var ARN: String
    public var Name: String
    public var DeletionDate: Date
}
