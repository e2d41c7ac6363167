import StackConfig

extension Engine {
    /// Forgets resources without touching their objects (`ecsform state rm`). The previous
    /// state is kept as the backup. The caller holds the state lock.
    @discardableResult
    public func removeFromState(_ addresses: [ResourceAddress]) async throws -> State {
        guard var state = try await store.load() else {
            throw EngineError("there is no state at \(store.location)")
        }
        for a in addresses where state[a] == nil {
            throw EngineError("\(a) is not in the state (see `ecsform state list`)")
        }
        for a in addresses {
            state[a] = nil
            state.deposed.removeAll { $0.address == a }
        }
        state.serial += 1
        try await store.persist(state)
        return state
    }

    /// Renames a resource in state (`ecsform state mv`), e.g. after renaming it in configuration.
    /// The type cannot change. The caller holds the state lock.
    @discardableResult
    public func moveInState(from: ResourceAddress, to: ResourceAddress) async throws -> State {
        guard var state = try await store.load() else {
            throw EngineError("there is no state at \(store.location)")
        }
        guard var r = state[from] else { throw EngineError("\(from) is not in the state (see `ecsform state list`)") }
        guard from.type == to.type else {
            throw EngineError("cannot move \(from) to \(to): a resource cannot change type")
        }
        guard state[to] == nil else { throw EngineError("\(to) is already in the state; remove it first") }
        state[from] = nil
        r.address = to
        state[to] = r
        for (a, var other) in state.resources where other.dependencies.contains(from) {
            other.dependencies = other.dependencies.map { $0 == from ? to : $0 }.sorted()
            state.resources[a] = other
        }
        for i in state.deposed.indices where state.deposed[i].address == from { state.deposed[i].address = to }
        state.serial += 1
        try await store.persist(state)
        return state
    }
}
