import StackConfig

/// Computes changes from configuration and refreshed state. Pure: no I/O, so `plan` and the
/// re-plan `apply` does for a saved plan run exactly the same code.
struct Planner: Sendable {
    let stack: Stack
    let state: State
    let schema: ProviderSchema
    let differ: Differ
    let normalize: @Sendable (String, [String: Value]) -> [String: Value]
    let destroy: Bool
    let targets: [ResourceAddress]

    func plan() throws -> [ResourceChange] {
        var problems: [String] = []
        for r in stack.resources where schema.resourceTypes[r.address.type] == nil {
            problems.append("\(r.range): \(r.address): the provider has no resource type \"\(r.address.type)\"")
        }
        for t in targets where stack[t] == nil && state[t] == nil {
            problems.append("--target \(t): no such resource in the configuration or the state")
        }
        guard problems.isEmpty else { throw EngineError(problems.joined(separator: "\n")) }

        var changes: [ResourceChange] = []
        if !destroy {
            changes = try planConfigured()
        }
        changes += planDeletions()
        try checkPreventDestroy(changes)
        return changes.sorted { a, b in
            a.address == b.address ? (a.deposedID ?? "") < (b.deposedID ?? "") : a.address < b.address
        }
    }

    /// Targets and what they depend on (for a destroy: what depends on them).
    private var targetSet: Set<ResourceAddress>? {
        guard !targets.isEmpty else { return nil }
        var seen = Set<ResourceAddress>()
        var queue = targets
        if destroy {
            var dependents: [ResourceAddress: [ResourceAddress]] = [:]
            for r in state.resources.values { for d in r.dependencies { dependents[d, default: []].append(r.address) } }
            while let a = queue.popLast() { if seen.insert(a).inserted { queue += dependents[a] ?? [] } }
        } else {
            while let a = queue.popLast() {
                if seen.insert(a).inserted { queue += stack[a]?.dependencies ?? state[a]?.dependencies ?? [] }
            }
        }
        return seen
    }

    /// The configured resources, layer by layer of the dependency graph: a resource's
    /// references resolve to what earlier layers planned, so the resources of one layer are
    /// planned in parallel (thousands of independent normalise-and-diff steps in a big stack).
    private func planConfigured() throws -> [ResourceChange] {
        guard let layers = stack.graph.layers() else {
            let cycle = stack.graph.findCycle()?.map(\.description).joined(separator: " -> ") ?? "?"
            throw EngineError("the resources depend on each other in a cycle: \(cycle)")
        }
        let context = Context(targetSet: targetSet, computedByType: schema.resourceTypes.mapValues(\.computedAttributes))
        var seen = Set<ResourceAddress>()
        var groups = layers.map { $0.filter { seen.insert($0).inserted } }
        // Any resource outside the graph comes after it, one at a time, as before.
        for address in stack.resources.map(\.address) where seen.insert(address).inserted { groups.append([address]) }
        // Only what differs from state: a reference to anything else resolves to state's
        // attributes, which is what an unchanged or untargeted resource plans to keep.
        var planned: [ResourceAddress: [String: Value]] = [:]
        var changes: [ResourceChange] = []
        changes.reserveCapacity(stack.resources.count)
        for group in groups {
            let earlier = planned
            let results = Parallel.map(group, minimum: 64) { address in planResource(address, planned: earlier, context: context) }
            for (address, result) in zip(group, results) {
                if let value = result.planned { planned[address] = value }
                if let change = result.change { changes.append(change) }
            }
        }
        return changes
    }

    /// What every resource's planning shares.
    private struct Context: Sendable {
        var targetSet: Set<ResourceAddress>?
        var computedByType: [String: Set<String>]
    }

    /// One resource's planned attributes (what references to it resolve to; nil when they are
    /// state's, as for an unchanged resource) and change.
    private func planResource(_ address: ResourceAddress, planned: [ResourceAddress: [String: Value]],
                              context: Context) -> (planned: [String: Value]?, change: ResourceChange?) {
        guard let config = stack[address], let rs = schema.resourceTypes[address.type] else { return (nil, nil) }
        let prior = state[address]
        if let targetSet = context.targetSet, !targetSet.contains(address) {
            return (nil, nil)
        }
        let resolved = Self.resolve(config) { ref in
            guard let attrs = planned[ref.address] ?? state[ref.address]?.attributes else { return nil }
            return Value.map(attrs)[path: ref.path]
        }
        var after = Engine.markSensitive(normalize(address.type, resolved), schema: rs)
        let computed = context.computedByType[address.type] ?? []
        guard let prior else {
            let keys = after.keys.sorted()
            for c in computed where after[c] == nil { after[c] = .unknown }
            return (after, ResourceChange(address: address, action: .create, before: nil, after: after,
                                          changedAttributes: keys, dependencies: config.dependencies))
        }
        after = ValuePath.applyingIgnored(config.lifecycle.ignoreChanges, planned: after, prior: prior.attributes)
        let changed = differ.changedAttributes(before: prior.attributes, after: after, excluding: computed)
        if changed.isEmpty {
            return (nil, ResourceChange(address: address, action: .noOp, before: prior.attributes, after: prior.attributes,
                                                     priorID: prior.id, dependencies: config.dependencies))
        }
        let forcing = changed.filter { rs.attributes[$0]?.forcesReplacement == true }
        if rs.immutable || !forcing.isEmpty {
            for c in computed { after[c] = .unknown }
            return (after, ResourceChange(
                address: address, action: .replace, before: prior.attributes, after: after,
                changedAttributes: changed, replaceBecause: forcing.isEmpty ? changed : forcing,
                createBeforeDestroy: rs.immutable, replacementNoun: rs.replacementNoun,
                priorID: prior.id, dependencies: config.dependencies))
        }
        var merged = prior.attributes
        for (k, v) in after where !computed.contains(k) { merged[k] = v }
        return (merged, ResourceChange(address: address, action: .update, before: prior.attributes, after: merged,
                                       changedAttributes: changed, priorID: prior.id, dependencies: config.dependencies))
    }

    /// Everything in state that is not configured (for a destroy: everything), and deposed objects.
    /// A configured resource is planned by `planConfigured`, or left alone outside `--target`.
    private func planDeletions() -> [ResourceChange] {
        let targetSet = self.targetSet
        var out: [ResourceChange] = []
        for r in state.resources.values {
            if !destroy, stack[r.address] != nil { continue }
            if let targetSet, !targetSet.contains(r.address) { continue }
            out.append(ResourceChange(address: r.address, action: .delete, before: r.attributes, after: nil,
                                      priorID: r.id, dependencies: r.dependencies))
        }
        for d in state.deposed {
            if let targetSet, !targetSet.contains(d.address) { continue }
            out.append(ResourceChange(address: d.address, action: .delete, before: d.attributes, after: nil,
                                      priorID: d.id, deposedID: d.id))
        }
        return out
    }

    private func checkPreventDestroy(_ changes: [ResourceChange]) throws {
        var problems: [String] = []
        for c in changes where (c.action == .delete && c.deposedID == nil) || c.action == .replace {
            guard let config = stack[c.address], config.lifecycle.preventDestroy else { continue }
            let what: String
            if c.action == .delete {
                what = destroy ? "this destroy would delete it" : "this plan would delete it"
            } else {
                let attrs = c.replaceBecause.joined(separator: ", ")
                what = "this plan would replace it (\(attrs) \(c.replaceBecause.count == 1 ? "forces" : "force") replacement)"
            }
            problems.append("\(config.range): \(c.address) has lifecycle.prevent_destroy set, but \(what). Remove prevent_destroy, or change the configuration so it is kept")
        }
        if !problems.isEmpty { throw EngineError(problems.joined(separator: "\n")) }
    }
}
