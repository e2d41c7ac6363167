import StackConfig

extension Engine {
    /// Brings an existing object under management as `address`, which must be configured and
    /// not yet in state. Reads the object through the provider and writes state. The caller
    /// holds the state lock.
    @discardableResult
    public func importResource(stack: Stack, address: ResourceAddress, id: String) async throws -> ResourceState {
        guard let config = stack[address] else {
            throw EngineError("\(address) is not in the configuration; add it to a stack file before importing it")
        }
        let schema = try await schema()
        guard let rs = schema.resourceTypes[address.type] else {
            throw EngineError("\(address): the provider has no resource type \"\(address.type)\"")
        }
        var state = try await store.load() ?? State(stack: stack.name)
        if let existing = state[address] {
            throw EngineError("\(address) is already managed (id \(existing.id)); remove it with `ecsform state rm \(address)` first")
        }
        let response = try await provider.importResource(ImportResourceRequest(address: address, id: id))
        guard let attrs = response.attributes else {
            throw EngineError("\(address): there is no \(address.type) with id \(id)")
        }
        let resource = ResourceState(address: address, id: response.id,
                                     attributes: Engine.markSensitive(Dictionary(uniqueKeysWithValues: attrs.map {
                                         ($0.key, Engine.carryMarks(from: config.attributes[$0.key], to: $0.value))
                                     }), schema: rs),
                                     dependencies: config.dependencies)
        state.stack = stack.name
        state[address] = resource
        state.serial += 1
        try await store.persist(state)
        return resource
    }
}
