import StackConfig

extension Engine {
    /// Carries out `plan`: a parallel walk of its steps in dependency order (at most
    /// `options.parallelism` at once). State is updated after every step and written by a
    /// coalescing writer (see `LiveState`). When a step fails, steps that do not depend on
    /// it go on; the failure is in `ApplyResult.failures` (nothing is thrown for it).
    /// Outputs are evaluated at the end and saved in state.
    ///
    /// `stack` must be the configuration the plan was made from (values that were
    /// `(known after apply)` are resolved from it once their resources exist). The caller
    /// holds the state lock. Throws when the state moved on since the plan was made, or
    /// when the plan's steps form a cycle.
    public func apply(_ plan: Plan, stack: Stack, options: ApplyOptions = ApplyOptions(),
                      events: @escaping @Sendable (ApplyEvent) -> Void = { _ in }) async throws -> ApplyResult {
        let persisted = try await store.load()
        if persisted?.lineage != plan.stateLineage || persisted?.serial != plan.stateSerial {
            throw EngineError("the state at \(store.location) changed since this plan was made (serial \(plan.stateSerial.map(String.init) ?? "none") -> \(persisted.map { String($0.serial) } ?? "none")); plan again")
        }
        let schema = try await schema()
        let graph = ApplyGraph.build(plan)
        let walker = Walker(nodes: graph.steps, dependencies: graph.dependencies)
        if let stuck = walker.findCycleMember() {
            throw EngineError("the planned changes wait on each other in a cycle (at \(stuck)); apply them in two steps with --target")
        }
        var initial = plan.priorState
        initial.stack = stack.name
        let live = LiveState(state: initial, store: store)
        if persisted == nil {
            // Fix the lineage on disk before anything is created, so create tokens (which
            // include it) are the same when an interrupted first apply is run again.
            await live.update { _ in }
            _ = try await live.flush()
        }
        let counters = ApplyCounters()
        let runner = StepRunner(provider: provider, schema: schema, stack: stack, live: live,
                                differ: Differ(hasher: try store.sensitiveHasher()),
                                changes: graph.changes, interval: options.progressInterval,
                                events: events, counters: counters)
        let recorder = schema.fingerprintsReads
            ? ProviderDataRecorder(engine: self, live: live, schema: schema, dependencies: graph.dependencies) : nil
        let outcome = await walker.walk(parallelism: options.parallelism) { step in
            let ok = await runner.run(step)
            await recorder?.finished(step, ok: ok)
            return ok
        }
        await recorder?.finish(parallelism: options.parallelism)

        let isDestroy = plan.isDestroy
        await live.update { state in
            if isDestroy {
                if state.resources.isEmpty { state.outputs = [:] }
            } else {
                state.outputs = Engine.evaluateOutputs(stack.outputs, state: state, previous: state.outputs)
            }
        }
        var result = ApplyResult(state: try await live.flush())
        let tally = await counters.snapshot()
        result.added = tally.added
        result.changed = tally.changed
        result.destroyed = tally.destroyed
        result.failures = tally.failures.sorted { $0.address < $1.address }
        result.skipped = outcome.skipped
        result.stateWrites = await live.writes
        _ = outcome.failed
        return result
    }

    /// Reads `addresses` (just created or updated) back in batches and records the provider's
    /// data with each whose read equals the attributes the apply stored, so the next plan's
    /// refresh of an untouched object is an `unchanged` answer (`ProviderDataRecorder` calls
    /// this during the walk). The stored attributes are never replaced here: a read that
    /// differs (or fails) only leaves the object without data, and the next refresh reads it
    /// in full, as it would have anyway. An apply killed before this leaves state without the
    /// data, which costs the next plan its shortcut only.
    func recordProviderData(of addresses: [ResourceAddress], in live: LiveState, schema: ProviderSchema, parallelism: Int) async {
        guard !addresses.isEmpty, let hasher = try? store.sensitiveHasher() else { return }
        let current = await live.current
        let resources = addresses.sorted().compactMap { current.resources[$0] }
        let differ = Differ(hasher: hasher)
        let outcomes = await readAll(resources, parallelism: parallelism) { r, result in
            Self.compare(r, result, schema: schema, differ: differ)
        }
        var found: [(ResourceState, String)] = []
        for (r, outcome) in zip(resources, outcomes) {
            if case .same(let data?) = outcome { found.append((r, data)) }
        }
        guard !found.isEmpty else { return }
        await live.update { state in
            for (r, data) in found where state.resources[r.address] == r {
                state.resources[r.address]?.privateData = data
            }
        }
    }

    /// Outputs whose values are known from `state`; an output that cannot be evaluated
    /// (its resource failed) keeps its previous value.
    static func evaluateOutputs(_ outputs: [OutputConfig], state: State, previous: [String: OutputState]) -> [String: OutputState] {
        var result: [String: OutputState] = [:]
        for o in outputs {
            let v = Evaluator.resolve(o.value) { ref in
                state.resources[ref.address].flatMap { Value.map($0.attributes)[path: ref.path] }
            }
            if v.isFullyKnown {
                result[o.name] = OutputState(value: v, sensitive: o.sensitive || v.isSensitive)
            } else if let p = previous[o.name] {
                result[o.name] = p
            }
        }
        return result
    }
}

/// Counts and failures, shared by concurrently running steps.
actor ApplyCounters {
    struct Tally: Sendable {
        var added = 0, changed = 0, destroyed = 0
        var failures: [ApplyFailure] = []
    }
    private var tally = Tally()
    func record(_ op: ApplyOperation) {
        switch op {
        case .create: tally.added += 1
        case .update: tally.changed += 1
        case .delete: tally.destroyed += 1
        }
    }
    func fail(_ f: ApplyFailure) { tally.failures.append(f) }
    func snapshot() -> Tally { tally }
}
