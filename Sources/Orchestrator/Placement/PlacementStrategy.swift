/// An ECS task placement strategy, with the JSON shape of `CreateService`/`RunTask`
/// (`{"type": "binpack", "field": "memory"}`). Strategies apply in order: the first decides,
/// later ones only break its ties.
public struct PlacementStrategy: Codable, Sendable, Hashable {
    /// `binpack`, `spread` or `random`.
    public var type: String
    /// `cpu`/`memory` for binpack; `instanceId`, `host` or `attribute:NAME` for spread; none for random.
    public var field: String?

    public init(type: String, field: String? = nil) {
        self.type = type
        self.field = field
    }

    public static func binpack(_ field: String) -> PlacementStrategy { PlacementStrategy(type: "binpack", field: field) }
    public static func spread(_ field: String) -> PlacementStrategy { PlacementStrategy(type: "spread", field: field) }
    public static let random = PlacementStrategy(type: "random")

    /// ECS accepts at most 5 strategies per service or task.
    public static let maximumCount = 5

    /// Checks one strategy the way ECS does.
    public func validate() throws(PlacementValidationError) {
        _ = try ranking()
    }

    /// Checks a whole list: count limit, then each strategy.
    public static func validate(_ strategies: [PlacementStrategy]) throws(PlacementValidationError) {
        guard strategies.count <= maximumCount else {
            throw PlacementValidationError(
                "Too many placement strategies: \(strategies.count) given, at most \(maximumCount) are allowed.")
        }
        for strategy in strategies {
            try strategy.validate()
        }
    }

    /// The validated, internal form of this strategy.
    func ranking() throws(PlacementValidationError) -> Ranking {
        switch type {
        case "binpack":
            switch field {
            case "cpu": return .binpack(.cpu)
            case "memory": return .binpack(.memory)
            case nil:
                throw PlacementValidationError("Placement strategy binpack requires a field: cpu or memory.")
            case let other?:
                throw PlacementValidationError(
                    "Invalid field \"\(other)\" for placement strategy binpack: expected cpu or memory.")
            }
        case "spread":
            guard let field else {
                throw PlacementValidationError(
                    "Placement strategy spread requires a field: instanceId, host or attribute:NAME.")
            }
            if field == "instanceId" || field == "host" { return .spreadInstance }
            if field.hasPrefix("attribute:") {
                let name = String(field.dropFirst("attribute:".count))
                guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                    throw PlacementValidationError(
                        "Invalid field \"\(field)\" for placement strategy spread: the attribute name is empty or contains spaces.")
                }
                return .spreadAttribute(name)
            }
            throw PlacementValidationError(
                "Invalid field \"\(field)\" for placement strategy spread: expected instanceId, host or attribute:NAME.")
        case "random":
            if let field, !field.isEmpty {
                throw PlacementValidationError("Placement strategy random does not take a field; remove \"\(field)\".")
            }
            return .random
        default:
            throw PlacementValidationError(
                "Invalid placement strategy type \"\(type)\": expected binpack, spread or random.")
        }
    }
}
