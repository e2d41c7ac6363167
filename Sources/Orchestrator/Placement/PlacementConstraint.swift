/// An ECS task placement constraint, with the JSON shape of `CreateService`/`RunTask`
/// (`{"type": "memberOf", "expression": "attribute:ecs.instance-type == t2.small"}`).
public struct PlacementConstraint: Codable, Sendable, Hashable {
    /// `distinctInstance` or `memberOf`.
    public var type: String
    /// Cluster query language expression; required for `memberOf`, absent for `distinctInstance`.
    public var expression: String?

    public init(type: String, expression: String? = nil) {
        self.type = type
        self.expression = expression
    }

    public static let distinctInstance = PlacementConstraint(type: "distinctInstance")

    public static func memberOf(_ expression: String) -> PlacementConstraint {
        PlacementConstraint(type: "memberOf", expression: expression)
    }

    /// ECS limits (a service or task accepts at most 10 constraints; expressions up to 2000 characters).
    public static let maximumCount = 10
    public static let maximumExpressionLength = 2000

    /// Checks one constraint the way ECS does, parsing a `memberOf` expression.
    public func validate() throws(PlacementValidationError) {
        switch type {
        case "distinctInstance":
            if let expression, !expression.isEmpty {
                throw PlacementValidationError(
                    "Placement constraint of type distinctInstance does not take an expression; remove \"\(expression)\".")
            }
        case "memberOf":
            guard let expression, !expression.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PlacementValidationError(
                    "Placement constraint of type memberOf requires an expression, e.g. \"attribute:ecs.instance-type == t2.small\".")
            }
            guard expression.count <= Self.maximumExpressionLength else {
                throw PlacementValidationError(
                    "Placement constraint expression is too long: at most \(Self.maximumExpressionLength) characters are allowed.")
            }
            _ = try ClusterQuery.parse(expression)
        default:
            throw PlacementValidationError(
                "Invalid placement constraint type \"\(type)\": expected distinctInstance or memberOf.")
        }
    }

    /// Checks a whole list: count limit, then each constraint.
    public static func validate(_ constraints: [PlacementConstraint]) throws(PlacementValidationError) {
        guard constraints.count <= maximumCount else {
            throw PlacementValidationError(
                "Too many placement constraints: \(constraints.count) given, at most \(maximumCount) are allowed.")
        }
        for constraint in constraints {
            try constraint.validate()
        }
    }
}
