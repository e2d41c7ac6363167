import Foundation

/// ecsform's credentials action: a task presents its ARN and the secret token the
/// orchestrator gave its containers (`ECSFORM_CREDENTIALS_TOKEN`) and receives STS-shaped
/// temporary credentials for its task role.
public struct GetTaskCredentialsRequest: Codable, Sendable {
    public var taskArn: String
    public var credentialsToken: String
    public var durationSeconds: Int?
    public init(taskArn: String, credentialsToken: String, durationSeconds: Int? = nil) {
        self.taskArn = taskArn; self.credentialsToken = credentialsToken; self.durationSeconds = durationSeconds
    }
}
public struct GetTaskCredentialsResponse: Codable, Sendable {
    public var Credentials: Credentials
    public var RoleArn: String
}
/// STS's credentials shape.
public struct Credentials: Codable, Sendable, Equatable {
    public var AccessKeyId: String
    public var SecretAccessKey: String
    public var SessionToken: String
    /// ISO 8601 UTC, as the container credentials endpoint returns it.
    public var Expiration: String
}
