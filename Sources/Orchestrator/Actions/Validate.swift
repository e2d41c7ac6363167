import Foundation

/// Parameter checks shared by actions, with ECS's error types.
enum Validate {
    static func tags(_ tags: [Tag]?) throws {
        guard let tags else { return }
        if tags.count > 50 { throw ECSError.invalidParameter("A resource can have at most 50 tags.") }
        var seen = Set<String>()
        for t in tags {
            if t.key.isEmpty || t.key.count > 128 { throw ECSError.invalidParameter("Tag keys must be 1-128 characters long.") }
            if (t.value ?? "").count > 256 { throw ECSError.invalidParameter("Tag values must be at most 256 characters long.") }
            if t.key.lowercased().hasPrefix("aws:") { throw ECSError.invalidParameter("Tag keys starting with 'aws:' are reserved.") }
            if !seen.insert(t.key).inserted { throw ECSError.invalidParameter("Duplicate tag key: \(t.key).") }
        }
    }

    static func clusterSettings(_ settings: [ClusterSetting]?) throws {
        for s in settings ?? [] {
            guard s.name == "containerInsights" else {
                throw ECSError.invalidParameter("Unknown cluster setting '\(s.name)'. The only setting is containerInsights.")
            }
            guard ["enabled", "disabled", "enhanced"].contains(s.value) else {
                throw ECSError.invalidParameter("containerInsights must be enabled, disabled or enhanced.")
            }
        }
    }

    static func placement(_ constraints: [PlacementConstraint]?, _ strategies: [PlacementStrategy]?) throws {
        do {
            try PlacementConstraint.validate(constraints ?? [])
            try PlacementStrategy.validate(strategies ?? [])
        } catch {
            throw ECSError.invalidParameter(error.message)
        }
        for c in constraints ?? [] {
            switch c.type {
            case "distinctInstance":
                if c.expression != nil { throw ECSError.invalidParameter("A distinctInstance constraint takes no expression.") }
            case "memberOf":
                guard let e = c.expression, !e.isEmpty else { throw ECSError.invalidParameter("A memberOf constraint requires an expression.") }
            default:
                throw ECSError.invalidParameter("Invalid placement constraint type '\(c.type)'. Use distinctInstance or memberOf.")
            }
        }
        if (constraints?.count ?? 0) > 10 { throw ECSError.invalidParameter("At most 10 placement constraints are allowed.") }
        for s in strategies ?? [] {
            switch s.type {
            case "binpack":
                guard let f = s.field?.lowercased(), f == "cpu" || f == "memory" else {
                    throw ECSError.invalidParameter("A binpack strategy's field must be cpu or memory.")
                }
            case "spread":
                guard let f = s.field, !f.isEmpty else { throw ECSError.invalidParameter("A spread strategy requires a field (instanceId or attribute:NAME).") }
            case "random":
                break
            default:
                throw ECSError.invalidParameter("Invalid placement strategy type '\(s.type)'. Use binpack, spread or random.")
            }
        }
        if (strategies?.count ?? 0) > 5 { throw ECSError.invalidParameter("At most 5 placement strategies are allowed.") }
    }

    static func launchType(_ lt: String?) throws -> String {
        let v = lt ?? "EC2"
        guard v == "EC2" || v == "FARGATE" else { throw ECSError.invalidParameter("launchType must be EC2 or FARGATE.") }
        return v
    }
}
