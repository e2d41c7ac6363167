import StackConfig

/// How to plan (cli.md `plan` flags).
public struct PlanOptions: Sendable {
    /// Read every managed object first (`--no-refresh` turns it off).
    public var refresh: Bool
    /// Plan the deletion of everything in state (`--destroy`, `ecsform destroy`).
    public var destroy: Bool
    /// Only these resources and what they depend on (for a destroy: what depends on them).
    public var targets: [ResourceAddress]
    /// How many provider reads run at once during the refresh.
    public var parallelism: Int

    public init(refresh: Bool = true, destroy: Bool = false, targets: [ResourceAddress] = [], parallelism: Int = 10) {
        self.refresh = refresh
        self.destroy = destroy
        self.targets = targets
        self.parallelism = parallelism
    }
}

extension Engine {
    /// Refreshes state (unless `options.refresh` is false) and diffs configuration against it.
    /// Nothing is written. Throws `EngineError` for a plan that cannot be made: an unknown
    /// resource type, a cycle, or a `prevent_destroy` resource the plan would destroy or replace.
    public func plan(stack: Stack, options: PlanOptions = PlanOptions()) async throws -> Plan {
        let persisted = try await store.load()
        if let persisted, persisted.stack != stack.name, !persisted.resources.isEmpty {
            throw EngineError("the state at \(store.location) belongs to stack \"\(persisted.stack)\", not \"\(stack.name)\"; pass --state to use another state file")
        }
        let prior = persisted ?? State(stack: stack.name)
        let schema = try await schema()
        var refreshed = RefreshResult(state: prior, drift: [])
        if options.refresh {
            refreshed = try await refresh(prior, schema: schema, parallelism: options.parallelism)
        }
        refreshed.state.stack = stack.name
        let provider = self.provider
        let planner = Planner(
            stack: stack, state: refreshed.state, schema: schema,
            differ: Differ(hasher: try store.sensitiveHasher()),
            normalize: { type, attrs in provider.normalize(NormalizeRequest(type: type, attributes: attrs)).attributes },
            destroy: options.destroy, targets: options.targets)
        let changes = try planner.plan()
        return Plan(stack: stack.name, stateLineage: persisted?.lineage, stateSerial: persisted?.serial,
                    changes: changes, drift: refreshed.drift, priorState: refreshed.state,
                    isDestroy: options.destroy, targets: options.targets)
    }
}
