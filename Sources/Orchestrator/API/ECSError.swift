import Foundation

/// An error as the Amazon ECS (and IAM, Secrets Manager) JSON protocol reports it: the
/// exception type name and a message. Encodes as `{"__type": ..., "message": ...}`.
public struct ECSError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public let type: String
    public let message: String

    public init(_ type: String, _ message: String) {
        self.type = type
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case type = "__type", message }

    public var description: String { "\(type): \(message)" }

    public static func clusterNotFound() -> ECSError { .init("ClusterNotFoundException", "Cluster not found.") }
    public static func serviceNotFound() -> ECSError { .init("ServiceNotFoundException", "Service not found.") }
    public static func serviceNotActive() -> ECSError { .init("ServiceNotActiveException", "Service was not ACTIVE.") }
    /// CreateService's answer when a service of that name is not INACTIVE in the cluster.
    public static func serviceNotIdempotent() -> ECSError { .invalidParameter("Creation of service was not idempotent.") }
    public static func invalidParameter(_ m: String) -> ECSError { .init("InvalidParameterException", m) }
    public static func client(_ m: String) -> ECSError { .init("ClientException", m) }
    public static func resourceNotFound(_ m: String) -> ECSError { .init("ResourceNotFoundException", m) }
    public static func noSuchEntity(_ m: String) -> ECSError { .init("NoSuchEntity", m) }
    public static func entityAlreadyExists(_ m: String) -> ECSError { .init("EntityAlreadyExists", m) }
    public static func deleteConflict(_ m: String) -> ECSError { .init("DeleteConflict", m) }
    public static func malformedPolicy(_ m: String) -> ECSError { .init("MalformedPolicyDocument", m) }
    public static func validation(_ m: String) -> ECSError { .init("ValidationError", m) }
    public static func accessDenied(_ m: String) -> ECSError { .init("AccessDeniedException", m) }
}
