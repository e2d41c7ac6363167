import YAML

extension LoadRun {
    /// Decodes every resource, in chunks side by side: each resource decodes on its own
    /// (cross-resource checks come later), so only the diagnostics need gathering.
    mutating func decodeResources(_ decoder: inout NodeDecoder) -> [DecodedResource] {
        // Work items are positions, so handing them out copies no declaration.
        let types = ResourceType.allCases
        let groups = types.map { sections[$0.section] ?? [] }
        var work: [(group: Int, index: Int)] = []
        work.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for g in groups.indices {
            for i in groups[g].indices { work.append((g, i)) }
        }
        let template = decoder
        let (out, states) = Parallel.mapChunks(work, minimum: 256, state: { () -> NodeDecoder in
            var local = template
            local.diagnostics = Diagnostics()
            return local
        }) { item, local in
            Self.decodeResource(groups[item.group][item.index], type: types[item.group], decoder: &local)
        }
        for state in states { decoder.diagnostics.append(contentsOf: state.diagnostics) }
        return out
    }

    private static func decodeResource(_ decl: Declaration, type: ResourceType, decoder: inout NodeDecoder) -> DecodedResource {
        let address = ResourceAddress(type: type.name, name: decl.name)
        decoder.begin()
        var pairs: [Node.Pair] = []
        var ok = true
        switch decl.value {
        case .mapping(let p, _):
            pairs = p
        case .scalar where decoder.isNull(decl.value):
            break
        default:
            decoder.diagnostics.error("\(type.name) `\(decl.name)` must be a mapping of its settings, found \(decl.value.kindDescription)", at: SourceRange(decl.value.mark))
            ok = false
        }
        let shape = Schemas.shape(of: type)
        var (attributes, decoded) = decoder.decodeObject(pairs, shape, path: "", at: decl.value.mark, owner: decl.key.mark)
        ok = ok && decoded

        var dependsOn: [(address: ResourceAddress, range: SourceRange)] = []
        var lifecycle = Lifecycle()
        var ignoreChanges: [(path: String, range: SourceRange)] = []
        for pair in pairs {
            guard let key = pair.key.scalarValue else { continue }
            if key == "depends_on" {
                dependsOn = decodeDependsOn(pair.value, decoder: &decoder)
            } else if key == "lifecycle", !decoder.isNull(pair.value) {
                guard case .mapping(let lp, let lm) = pair.value else {
                    decoder.diagnostics.error("`lifecycle` must be a mapping with `ignore_changes` and/or `prevent_destroy`, found \(pair.value.kindDescription)", at: SourceRange(pair.value.mark))
                    continue
                }
                let (values, lok) = decoder.decodeObject(lp, Schemas.lifecycle, path: "lifecycle", at: lm, owner: nil)
                guard lok else { continue }
                lifecycle.preventDestroy = values["prevent_destroy"]?.boolValue ?? false
                for (i, item) in (values["ignore_changes"]?.listValue ?? []).enumerated() {
                    guard let text = item.stringValue else { continue }
                    let range = NodePlaces(node: decl.value, range: decl.range).place("lifecycle.ignore_changes.\(i)")
                    ignoreChanges.append((text, range))
                    lifecycle.ignoreChanges.append(text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
                }
            }
        }

        if ok { canonicalize(&attributes, type: type, name: decl.name, decoder: &decoder) }

        var config = ResourceConfig(
            address: address, attributes: attributes, lifecycle: lifecycle, range: decl.range,
            attributePlaces: decoder.ranges)
        // Templates only come from references, and canonicalizing moves none to another
        // top-level attribute.
        config.templateAttributes = decoder.templateKeys
        return DecodedResource(config: config, type: type, references: decoder.references,
                               dependsOn: dependsOn, ignoreChanges: ignoreChanges, isComplete: ok,
                               places: NodePlaces(node: decl.value, range: decl.range))
    }

    private static func decodeDependsOn(_ node: Node, decoder: inout NodeDecoder) -> [(address: ResourceAddress, range: SourceRange)] {
        if decoder.isNull(node) { return [] }
        guard case .sequence(let items, _) = node else {
            decoder.diagnostics.error("`depends_on` must be a list of addresses like `[service.web]`, found \(node.kindDescription)", at: SourceRange(node.mark))
            return []
        }
        var out: [(address: ResourceAddress, range: SourceRange)] = []
        var seen = Set<ResourceAddress>()
        for item in items {
            let range = SourceRange(item.mark)
            guard case .scalar(let s) = item, let address = ResourceAddress(parsing: s.value) else {
                decoder.diagnostics.error("`depends_on` entries are addresses written TYPE.NAME, like `service.web`", at: range)
                continue
            }
            guard ResourceType(rawValue: address.type) != nil else {
                var hint = Suggestions.hint(for: address.type, in: ResourceType.allCases.map(\.name))
                if hint.isEmpty, let t = ResourceType(section: address.type) { hint = "; did you mean `\(t.name)`?" }
                decoder.diagnostics.error("`\(s.value)` is not an address: `\(address.type)` is not a resource type (\(ResourceType.allCases.map(\.name).joined(separator: ", ")))\(hint)", at: range)
                continue
            }
            guard seen.insert(address).inserted else {
                decoder.diagnostics.error("`\(s.value)` is listed twice in `depends_on`", at: range)
                continue
            }
            out.append((address, range))
        }
        return out
    }

    /// Fills the defaults that depend on other attributes (resource-attributes.md).
    private static func canonicalize(_ a: inout [String: Value], type: ResourceType, name: String, decoder: inout NodeDecoder) {
        switch type {
        case .cluster, .taskRole:
            if a["name"] == nil { a["name"] = .string(name) }
        case .taskDefinition:
            if a["family"] == nil { a["family"] = .string(name) }
            if case .list(let xs)? = a["compatibilities"], xs.allSatisfy({ $0.stringValue != nil }) {
                let unique = Set(xs.compactMap(\.stringValue)).sorted()
                if unique.count != xs.count, let place = decoder.ranges.range(of: "compatibilities") {
                    decoder.diagnostics.append(Diagnostic(.warning, "`compatibilities` lists a value twice", at: place))
                }
                a["compatibilities"] = .list(unique.map(Value.string))
            }
            let compat = a["compatibilities"]?.listValue?.compactMap(\.stringValue) ?? []
            if a["network_mode"] == nil {
                a["network_mode"] = .string(compat.contains("fargate") ? "awsvpc" : "bridge")
            }
            let mode = a["network_mode"]?.stringValue
            // Host ports default by network mode. Each container and port map is taken out of
            // its parent while it is changed, so it is changed in place rather than copied.
            if case .list? = a["containers"], case .list(var containers)? = a.removeValue(forKey: "containers") {
                for i in containers.indices {
                    guard case .map(var c) = containers[i] else { continue }
                    containers[i] = .null
                    if case .list? = c["ports"], case .list(var ports)? = c.removeValue(forKey: "ports") {
                        for j in ports.indices {
                            guard case .map(var p) = ports[j], p["host"] == nil else { continue }
                            ports[j] = .null
                            p["host"] = (mode == "host" || mode == "awsvpc") ? (p["container"] ?? .int(0)) : .int(0)
                            ports[j] = .map(p)
                        }
                        c["ports"] = .list(ports)
                    }
                    containers[i] = .map(c)
                }
                a["containers"] = .list(containers)
            }
        case .service:
            if a["name"] == nil { a["name"] = .string(name) }
            if a["scheduling_strategy"]?.stringValue == "daemon" {
                if a["desired_count"] != nil, let place = decoder.ranges.range(of: "desired_count") {
                    decoder.diagnostics.append(Diagnostic(.warning, "`desired_count` is ignored for a daemon service (it runs one task per container instance); remove it", at: place))
                }
                a["desired_count"] = .int(0)
            } else if a["desired_count"] == nil {
                a["desired_count"] = .int(1)
            }
        }
    }
}
