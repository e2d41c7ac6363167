extension LoadRun {
    /// Every reference must name a declared resource and an attribute its type has.
    /// Valid references and `depends_on` entries become the resource's dependencies.
    /// Resources are checked in chunks on all cores (a 10,000-resource stack has ~30,000
    /// references to look up); each chunk's diagnostics are joined in resource order.
    mutating func checkReferences(_ resources: inout [DecodedResource], index: [ResourceAddress: Int]) {
        let namesByType = Self.namesByType(resources)
        let all = resources
        let parts = Parallel.map(Parallel.chunks(Array(all.indices), minimum: 512)) { chunk in
            var found = Diagnostics()
            var dependencies: [[ResourceAddress]] = []
            dependencies.reserveCapacity(chunk.count)
            for i in chunk {
                dependencies.append(Self.dependencies(of: all[i], index: index, namesByType: namesByType, diagnostics: &found))
            }
            return Checked(start: chunk.startIndex, dependencies: dependencies, diagnostics: found)
        }
        for part in parts {
            diagnostics.append(contentsOf: part.diagnostics)
            for (k, deps) in part.dependencies.enumerated() { resources[part.start + k].config.dependencies = deps }
        }
    }

    /// One chunk's results: the dependencies of the resources from `start` on, in order.
    private struct Checked: Sendable {
        var start: Int
        var dependencies: [[ResourceAddress]]
        var diagnostics: Diagnostics
    }

    /// The resource's good references and `depends_on` entries, sorted and unique; reports the bad.
    private static func dependencies(of resource: DecodedResource, index: [ResourceAddress: Int],
                                     namesByType: [String: [String]], diagnostics: inout Diagnostics) -> [ResourceAddress] {
        // Few per resource: an array sorted and deduplicated beats a set.
        var deps: [ResourceAddress] = []
        for ref in resource.references where checkReference(ref, index: index, namesByType: namesByType, diagnostics: &diagnostics) {
            deps.append(ref.address)
        }
        for (address, range) in resource.dependsOn {
            if index[address] != nil {
                deps.append(address)
            } else {
                let hint = Suggestions.closest(to: address.name, in: namesByType[address.type] ?? []).map { "; did you mean `\(address.type).\($0)`?" } ?? ""
                diagnostics.error("`depends_on` names `\(address)`, which is not declared\(hint)", at: range)
            }
        }
        deps.sort()
        var unique: [ResourceAddress] = []
        unique.reserveCapacity(deps.count)
        for d in deps where unique.last != d { unique.append(d) }
        return unique
    }

    /// True when the reference is good; otherwise reports why.
    mutating func checkReference(_ ref: Reference, index: [ResourceAddress: Int], namesByType: [String: [String]]) -> Bool {
        Self.checkReference(ref, index: index, namesByType: namesByType, diagnostics: &diagnostics)
    }

    static func checkReference(_ ref: Reference, index: [ResourceAddress: Int], namesByType: [String: [String]],
                               diagnostics: inout Diagnostics) -> Bool {
        guard index[ref.address] != nil else {
            let hint = Suggestions.closest(to: ref.address.name, in: namesByType[ref.address.type] ?? []).map { "; did you mean `\(ref.address.type).\($0)`?" } ?? ""
            diagnostics.error("reference to `\(ref.address)`, which is not declared\(hint)", at: ref.range)
            return false
        }
        guard let type = ResourceType(rawValue: ref.address.type) else { return false }
        if let problem = AttributePaths.problem(with: ref.path, in: type, allowComputed: true) {
            diagnostics.error("`${\(ref)}`: \(problem)", at: ref.range)
            return false
        }
        return true
    }

    /// The dependency graph, reporting each cycle at a reference (or `depends_on` entry) in it.
    static func buildGraph(_ resources: [DecodedResource]) -> (DependencyGraph, Diagnostics) {
        var diagnostics = Diagnostics()
        var dependencies: [ResourceAddress: [ResourceAddress]] = [:]
        dependencies.reserveCapacity(resources.count)
        for i in resources.indices { dependencies[resources[i].config.address] = resources[i].config.dependencies }
        var graph = DependencyGraph(nodes: resources.indices.map { resources[$0].config.address }, dependencies: dependencies)
        var remaining = dependencies
        var reported = 0
        // `layers()` (by position, one pass) answers "is there a cycle?" for less than the
        // search that finds one: only a graph with a cycle is searched.
        while reported < 20, graph.layers() == nil, let cycle = graph.findCycle() {
            reported += 1
            let text = cycle.map(\.description).joined(separator: " -> ")
            var notes: [Diagnostic.Note] = []
            var places: [SourceRange] = []
            for (from, to) in zip(cycle, cycle.dropFirst()) {
                if let place = edgePlace(from: from, to: to, in: resources) { places.append(place) }
            }
            for (k, place) in places.enumerated().dropFirst() {
                notes.append(Diagnostic.Note("\(cycle[k]) depends on \(cycle[k + 1]) here", at: place))
            }
            diagnostics.error("dependency cycle: \(text); break it by removing one of these references", at: places.first, notes: notes)
            for node in cycle { remaining[node] = nil }
            for key in remaining.keys { remaining[key] = remaining[key]?.filter { !cycle.contains($0) } }
            graph = DependencyGraph(nodes: Array(remaining.keys), dependencies: remaining)
        }
        if reported > 0 {
            return (DependencyGraph(nodes: resources.indices.map { resources[$0].config.address }, dependencies: dependencies), diagnostics)
        }
        return (graph, diagnostics)
    }

    /// Declared names by type, for "did you mean" hints.
    static func namesByType(_ resources: [DecodedResource]) -> [String: [String]] {
        var names: [String: [String]] = [:]
        for i in resources.indices {
            let address = resources[i].config.address
            names[address.type, default: []].append(address.name)
        }
        return names
    }

    private static func edgePlace(from: ResourceAddress, to: ResourceAddress, in resources: [DecodedResource]) -> SourceRange? {
        guard let r = resources.first(where: { $0.config.address == from }) else { return nil }
        if let ref = r.references.first(where: { $0.address == to }) { return ref.range }
        return r.dependsOn.first(where: { $0.address == to })?.range
    }
}
