/// A service against its task definition: launch type, load balancer target, daemon limits.
enum ServiceRules {
    static func check(_ r: ResourceView, index: Validator.Index, diagnostics: inout Diagnostics) {
        let launchType = r.attributes["launch_type"]?.stringValue ?? "fargate"
        if r.attributes["scheduling_strategy"]?.stringValue == "daemon", launchType == "fargate" {
            diagnostics.error("a daemon service runs one task per container instance, which Fargate does not have; use `launch_type: ec2`",
                              at: r.written("scheduling_strategy") ?? r.range)
        }
        guard case .template(let t)? = r.attributes["task_definition"], t.isWholeReference,
              let ref = t.references.first, ref.address.type == ResourceType.taskDefinition.name,
              let td = index[ref.address] else { return }
        let compat = td.attributes["compatibilities"]?.listValue?.compactMap(\.stringValue) ?? []
        if !compat.isEmpty, !compat.contains(launchType) {
            let written = r.written("launch_type") != nil
            diagnostics.error(
                "launch type `\(launchType)`\(written ? "" : " (the default)") is not among \(td.address)'s compatibilities [\(compat.joined(separator: ", "))]; "
                    + (written ? "change `launch_type` or add \(launchType) to the task definition's `compatibilities`" : "set `launch_type: \(compat[0])`"),
                at: r.written("launch_type") ?? r.place("task_definition"))
        }
        guard let lb = r.attributes["load_balancer"]?.mapValue, let name = lb["container"]?.stringValue,
              let containers = td.attributes["containers"]?.listValue else { return }
        guard let container = containers.first(where: { $0.mapValue?["name"]?.stringValue == name })?.mapValue else {
            let names = containers.compactMap { $0.mapValue?["name"]?.stringValue }
            diagnostics.error("`load_balancer.container` names `\(name)`, which is not a container of \(td.address)\(Suggestions.hint(for: name, in: names))",
                              at: r.place("load_balancer.container"))
            return
        }
        if let port = lb["container_port"]?.intValue {
            let ports = (container["ports"]?.listValue ?? []).compactMap { $0.mapValue?["container"]?.intValue }
            if !ports.contains(port) {
                let listed = ports.isEmpty ? "maps no ports" : "maps \(ports.map(String.init).joined(separator: ", "))"
                diagnostics.error("`load_balancer.container_port` is \(port), but container `\(name)` \(listed); add it to the container's `ports`",
                                  at: r.place("load_balancer.container_port"))
            }
        }
    }
}
