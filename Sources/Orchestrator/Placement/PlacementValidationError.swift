/// A placement constraint, strategy or cluster query expression that Amazon ECS would reject.
///
/// Carries an ECS-style message so the API layer can surface it unchanged as an
/// `InvalidParameterException`.
public struct PlacementValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
