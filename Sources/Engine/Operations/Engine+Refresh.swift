import StackConfig

/// The outcome of reading every managed object back through the provider.
public struct RefreshResult: Sendable {
    /// State with each resource's attributes as read now; objects that are gone are removed.
    public var state: State
    /// What differs from the state that was read (modified or deleted outside ecsform).
    public var drift: [DriftedResource]
}

extension Engine {
    /// Reads every resource in `state` through the provider (at most `parallelism` at once) and
    /// reports what changed outside ecsform. Nothing is written. Read errors are collected and
    /// thrown together after all reads finish.
    public func refresh(_ state: State, parallelism: Int = 10) async throws -> RefreshResult {
        try await refresh(state, schema: schema(), parallelism: parallelism)
    }

    func refresh(_ state: State, schema: ProviderSchema, parallelism: Int) async throws -> RefreshResult {
        let provider = self.provider
        let resources = state.sortedResources
        let reads: [Result<[String: Value]?, any Error>] = await BoundedParallel.map(resources, limit: parallelism) { r in
            do {
                let response = try await provider.read(ReadRequest(address: r.address, id: r.id, priorAttributes: r.attributes))
                return .success(response.attributes)
            } catch {
                return .failure(error)
            }
        }
        let differ = Differ(hasher: try store.sensitiveHasher())
        var refreshed = state
        var drift: [DriftedResource] = []
        var errors: [String] = []
        for (r, result) in zip(resources, reads) {
            switch result {
            case .failure(let e):
                errors.append("\(r.address): reading \(r.id) failed: \(e)")
            case .success(nil):
                refreshed.resources[r.address] = nil
                drift.append(DriftedResource(address: r.address, kind: .deleted, differences: []))
            case .success(let attrs?):
                // Attributes the provider does not report (settings only configuration knows,
                // such as wait_for_steady_state) keep their recorded values.
                let now = Engine.merge(reported: attrs, over: r.attributes, schema: schema.resourceTypes[r.type])
                refreshed.resources[r.address]?.attributes = now
                let diffs = differ.differences(before: r.attributes, after: now,
                                               keys: Array(Set(r.attributes.keys).union(now.keys)))
                if !diffs.isEmpty {
                    drift.append(DriftedResource(address: r.address, kind: .modified, differences: diffs))
                }
            }
        }
        if !errors.isEmpty {
            throw EngineError(errors.prefix(20).joined(separator: "\n") + (errors.count > 20 ? "\n(and \(errors.count - 20) more)" : ""))
        }
        return RefreshResult(state: refreshed, drift: drift)
    }
}
