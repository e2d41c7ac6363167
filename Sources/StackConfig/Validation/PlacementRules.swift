/// Placement strategies and constraints, shaped as Amazon ECS accepts them.
enum PlacementRules {
    static func check(_ r: ResourceView, diagnostics: inout Diagnostics) {
        guard let placement = r.attributes["placement"]?.mapValue else { return }
        for (i, item) in (placement["strategy"]?.listValue ?? []).enumerated() {
            guard let s = item.mapValue, let type = s["type"]?.stringValue else { continue }
            let base = "placement.strategy.\(i)"
            let field = s["field"]?.stringValue
            var fieldPlace: SourceRange { r.place(s["field"] == nil || s["field"] == .null ? base : "\(base).field") }
            switch type {
            case "binpack":
                if field != "cpu" && field != "memory" {
                    diagnostics.error("a binpack strategy needs `field: cpu` or `field: memory`\(field.map { ", not `\($0)`" } ?? "")\(field.map { Suggestions.hint(for: $0, in: ["cpu", "memory"]) } ?? "")", at: fieldPlace)
                }
            case "spread":
                guard let field else {
                    diagnostics.error("a spread strategy needs a `field`: `instanceId`, `host` or `attribute:NAME`", at: fieldPlace)
                    continue
                }
                let ok = field == "instanceId" || field == "host" || (field.hasPrefix("attribute:") && field.count > "attribute:".count)
                if !ok {
                    diagnostics.error("a spread strategy's `field` is `instanceId`, `host` or `attribute:NAME`, not `\(field)`", at: fieldPlace)
                }
            case "random":
                if s["field"] != nil && s["field"] != .null {
                    diagnostics.error("a random strategy takes no `field`; remove it", at: fieldPlace)
                }
            default:
                break
            }
        }
        for (i, item) in (placement["constraints"]?.listValue ?? []).enumerated() {
            guard let c = item.mapValue, let type = c["type"]?.stringValue else { continue }
            let base = "placement.constraints.\(i)"
            let hasExpression = c["expression"] != nil && c["expression"] != .null
            switch type {
            case "distinctInstance" where hasExpression:
                diagnostics.error("a distinctInstance constraint takes no `expression`; remove it", at: r.place("\(base).expression"))
            case "memberOf" where !hasExpression:
                diagnostics.error("a memberOf constraint needs an `expression`, like `attribute:zone == a`", at: r.place(base))
            default:
                break
            }
        }
    }
}
