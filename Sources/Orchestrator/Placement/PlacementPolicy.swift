/// Constraints and strategies checked and compiled once, then used for many placements.
///
/// Building it validates everything (it throws the ECS-style error the API returns), so
/// placing never has to deal with bad input.
public struct PlacementPolicy: Sendable, Equatable {
    public let constraints: [PlacementConstraint]
    public let strategies: [PlacementStrategy]
    let distinctInstance: Bool
    /// Parsed `memberOf` expressions, with their source text as a cache key.
    let memberOf: [(source: String, query: ClusterQuery)]
    let rankings: [Ranking]

    public init(
        constraints: [PlacementConstraint] = [],
        strategies: [PlacementStrategy] = []
    ) throws(PlacementValidationError) {
        try PlacementConstraint.validate(constraints)
        try PlacementStrategy.validate(strategies)
        self.constraints = constraints
        self.strategies = strategies
        var distinct = false
        var memberOf: [(String, ClusterQuery)] = []
        for constraint in constraints {
            if constraint.type == "distinctInstance" {
                distinct = true
            } else if let expression = constraint.expression {
                memberOf.append((expression, try ClusterQuery.parse(expression)))
            }
        }
        self.distinctInstance = distinct
        self.memberOf = memberOf
        var rankings: [Ranking] = []
        for strategy in strategies {
            rankings.append(try strategy.ranking())
        }
        self.rankings = rankings
    }

    public static func == (lhs: PlacementPolicy, rhs: PlacementPolicy) -> Bool {
        lhs.constraints == rhs.constraints && lhs.strategies == rhs.strategies
    }
}

/// The resource a binpack strategy packs on.
enum ResourceField: Sendable, Hashable {
    case cpu, memory
}

/// A validated strategy.
enum Ranking: Sendable, Hashable {
    case binpack(ResourceField)
    case spreadInstance
    case spreadAttribute(String)
    case random
}
