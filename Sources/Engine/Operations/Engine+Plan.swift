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

/// What a plan starts from that does not depend on the configuration: the persisted state,
/// the provider's schema and the refresh. Made by `planBasis`, so a caller can refresh while
/// it is still loading the configuration, then finished by `plan(stack:basis:options:)`.
public struct PlanBasis: Sendable {
    /// The state as persisted (nil: there is none yet).
    public var persisted: State?
    var schema: ProviderSchema
    /// The refresh, or its failure (reported by `plan` after the checks that come before it).
    var refreshed: Result<RefreshResult, any Error>?
}

extension Engine {
    /// Refreshes state (unless `options.refresh` is false) and diffs configuration against it.
    /// Nothing is written. Throws `EngineError` for a plan that cannot be made: an unknown
    /// resource type, a cycle, or a `prevent_destroy` resource the plan would destroy or replace.
    public func plan(stack: Stack, options: PlanOptions = PlanOptions()) async throws -> Plan {
        try plan(stack: stack, basis: try await planBasis(options: options), options: options)
    }

    /// Loads state and the schema and, unless `options.refresh` is false, reads every managed
    /// object: everything a plan needs before the configuration. A refresh failure is kept in
    /// the basis and thrown by `plan(stack:basis:options:)`.
    public func planBasis(options: PlanOptions = PlanOptions()) async throws -> PlanBasis {
        await refreshing(try await unrefreshedBasis(), options: options)
    }

    /// State and the schema, without the refresh (`refreshing` adds it): with it, a caller can
    /// plan against persisted state while the refresh runs (`plan(stack:basis:options:early:)`).
    public func unrefreshedBasis() async throws -> PlanBasis {
        let persisted = try await store.load()
        return PlanBasis(persisted: persisted, schema: try await schema(), refreshed: nil)
    }

    /// `basis` with the refresh of its persisted state (unless `options.refresh` is false).
    public func refreshing(_ basis: PlanBasis, options: PlanOptions) async -> PlanBasis {
        guard options.refresh else { return basis }
        var basis = basis
        do {
            let prior = basis.persisted ?? State(stack: "")
            basis.refreshed = .success(try await refresh(prior, schema: basis.schema, parallelism: options.parallelism))
        } catch {
            basis.refreshed = .failure(error)
        }
        return basis
    }

    /// The plan of `stack` against `basis` (from `planBasis` with the same `options`).
    public func plan(stack: Stack, basis: PlanBasis, options: PlanOptions = PlanOptions()) throws -> Plan {
        try plan(stack: stack, basis: basis, options: options, early: nil)
    }

    /// As `plan(stack:basis:options:)`, taking the changes from `early` when they are the ones
    /// it would compute. `early` is the plan of the same `stack` with the same `options` against
    /// the same basis before its refresh (`unrefreshedBasis`), made while the refresh ran: when
    /// the refresh found nothing changed outside ecsform, every resource keeps the attributes,
    /// id and dependencies it had in persisted state (only its provider data may differ, which
    /// the planner never reads), so the planner's inputs, and therefore its result, are the same.
    /// Otherwise (drift, a failed refresh, or no early plan) the plan is made here.
    public func plan(stack: Stack, basis: PlanBasis, options: PlanOptions, early: Plan?) throws -> Plan {
        let persisted = basis.persisted
        if let persisted, persisted.stack != stack.name, !persisted.resources.isEmpty {
            throw EngineError("the state at \(store.location) belongs to stack \"\(persisted.stack)\", not \"\(stack.name)\"; pass --state to use another state file")
        }
        let schema = basis.schema
        var refreshed = RefreshResult(state: persisted ?? State(stack: stack.name), drift: [])
        if let result = basis.refreshed { refreshed = try result.get() }
        refreshed.state.stack = stack.name
        if let early, basis.refreshed != nil, refreshed.drift.isEmpty, early.drift.isEmpty, early.stack == stack.name,
           early.stateLineage == persisted?.lineage, early.stateSerial == persisted?.serial,
           early.isDestroy == options.destroy, early.targets == options.targets {
            return Plan(stack: stack.name, stateLineage: persisted?.lineage, stateSerial: persisted?.serial,
                        changes: early.changes, drift: [], priorState: refreshed.state,
                        isDestroy: options.destroy, targets: options.targets)
        }
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
