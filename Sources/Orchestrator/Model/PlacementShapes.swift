// Interim: the orch-sched branch provides PlacementConstraint/PlacementStrategy in Placement/.
// These twins let the API compile until that branch is merged; they are removed then.

/// A placement constraint: `distinctInstance`, or `memberOf` with an expression.
public struct PlacementConstraint: Codable, Sendable, Equatable {
    public var type: String
    public var expression: String?
    public init(type: String, expression: String? = nil) { self.type = type; self.expression = expression }
}

/// A placement strategy: `binpack` (cpu|memory), `spread` (instanceId|attribute:NAME), `random`.
public struct PlacementStrategy: Codable, Sendable, Equatable {
    public var type: String
    public var field: String?
    public init(type: String, field: String? = nil) { self.type = type; self.field = field }
}
