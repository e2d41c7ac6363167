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
        let resources = state.sortedResources
        let differ = Differ(hasher: try store.sensitiveHasher())
        let outcomes = await readAll(resources, parallelism: parallelism) { r, result in
            Self.compare(r, result, schema: schema, differ: differ)
        }
        var refreshed = state
        var drift: [DriftedResource] = []
        var errors: [String] = []
        for (r, outcome) in zip(resources, outcomes) {
            switch outcome {
            case .failed(let e):
                errors.append("\(r.address): reading \(r.id) failed: \(e)")
            case .gone:
                refreshed.resources[r.address] = nil
                drift.append(DriftedResource(address: r.address, kind: .deleted, differences: []))
            case .same(let privateData):
                // The provider's data for the attributes state already holds (only a read
                // that compared equal may set it: see `ResourceState.privateData`).
                if privateData != r.privateData { refreshed.resources[r.address]?.privateData = privateData }
            case .changed(let now, let diffs):
                refreshed.resources[r.address]?.attributes = now
                // `now` was merged over state, not read as is: nothing vouches that a read
                // would report it, so it carries no provider data.
                refreshed.resources[r.address]?.privateData = nil
                drift.append(DriftedResource(address: r.address, kind: .modified, differences: diffs))
            }
        }
        if !errors.isEmpty {
            throw EngineError(errors.prefix(20).joined(separator: "\n") + (errors.count > 20 ? "\n(and \(errors.count - 20) more)" : ""))
        }
        return RefreshResult(state: refreshed, drift: drift)
    }

    /// One resource's read, set against what state holds.
    enum ReadOutcome: Sendable {
        case failed(any Error)
        case gone
        /// Equal to state (secrets compared by keyed hash), or `unchanged` since the provider
        /// data state holds was recorded: state's own trees stay, so an unchanged stack's
        /// refresh copies nothing. Carries the provider data to keep with them.
        case same(String?)
        case changed([String: Value], [AttributeDifference])
    }

    static func compare(_ r: ResourceState, _ result: Result<ReadResponse, any Error>,
                        schema: ProviderSchema, differ: Differ) -> ReadOutcome {
        switch result {
        case .failure(let e):
            return .failed(e)
        case .success(let response) where response.unchanged:
            // The provider matched the data state recorded with these very attributes, when a
            // read compared equal to them: a read now would report them again.
            guard let recorded = r.privateData else {
                return .failed(ProviderError("the provider answered \"unchanged\" for an object state has no provider data for"))
            }
            return .same(recorded)
        case .success(let response):
            guard let attrs = response.attributes else { return .gone }
            // The differ ignores sensitivity marks, so the marks `merge` would carry over
            // cannot make a reported value differ: when every one equals what state holds,
            // nothing drifted, and no merged copy need be made.
            if attrs.allSatisfy({ differ.equal(r.attributes[$0.key], $0.value) }) { return .same(response.privateData) }
            // Attributes the provider does not report (settings only configuration knows,
            // such as wait_for_steady_state) keep their recorded values.
            let now = Engine.merge(reported: attrs, over: r.attributes, schema: schema.resourceTypes[r.type])
            // `now` has every key of the recorded attributes (it is merged over them).
            let diffs = differ.differences(before: r.attributes, after: now, keys: Array(now.keys))
            return diffs.isEmpty ? .same(response.privateData) : .changed(now, diffs)
        }
    }

    /// The most resources one `readResources` call carries: large enough that a provider that
    /// batches does few round trips, small enough that `parallelism` batches keep every core busy.
    static let readBatchLimit = 256

    /// Reads `resources` through `readResources` in batches, at most `parallelism` batches at
    /// once, and hands each result to `outcome` as its batch comes back (so that work runs in
    /// parallel too); with fewer resources than `parallelism * readBatchLimit` the batches are
    /// made smaller, so a provider that reads one by one still has `parallelism` reads in flight.
    func readAll<T: Sendable>(_ resources: [ResourceState], parallelism: Int,
                              _ outcome: @escaping @Sendable (ResourceState, Result<ReadResponse, any Error>) -> T) async -> [T] {
        guard !resources.isEmpty else { return [] }
        let lanes = max(1, parallelism)
        let size = min(Self.readBatchLimit, max(1, (resources.count + lanes - 1) / lanes))
        let batches = stride(from: 0, to: resources.count, by: size).map { resources[$0..<min(resources.count, $0 + size)] }
        let provider = self.provider
        let answers = await BoundedParallel.map(batches, limit: lanes) { batch in
            let requests = batch.map {
                ReadRequest(address: $0.address, id: $0.id, priorAttributes: $0.attributes, priorPrivate: $0.privateData)
            }
            let response = await provider.readResources(ReadResourcesRequest(resources: requests))
            guard response.results.count == batch.count else {
                let e = ProviderError("the provider answered \(response.results.count) reads for \(batch.count) requests")
                return batch.map { outcome($0, .failure(e)) }
            }
            return zip(batch, response.results).map { r, result in outcome(r, result) }
        }
        return answers.flatMap { $0 }
    }
}
