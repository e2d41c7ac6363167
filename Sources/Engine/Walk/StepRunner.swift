import Crypto
import Foundation
import StackConfig

/// Executes one apply step against the provider and records the result in the live state.
struct StepRunner: Sendable {
    let provider: any Provider
    let schema: ProviderSchema
    let stack: Stack
    let live: LiveState
    let differ: Differ
    let changes: [ApplyStep: ResourceChange]
    let interval: Duration
    let events: @Sendable (ApplyEvent) -> Void
    let counters: ApplyCounters

    /// True when the step succeeded.
    func run(_ step: ApplyStep) async -> Bool {
        guard let change = changes[step] else { return true }
        let op: ApplyOperation
        switch step {
        case .destroy: op = .delete
        case .apply: op = change.action == .update ? .update : .create
        }
        let start = ContinuousClock.now
        do {
            let id: String
            switch step {
            case .apply(let address):
                id = try await applyStep(address, change: change, op: op, start: start)
            case .destroy(let address, let objectID):
                id = try await destroyStep(address, id: objectID, change: change, start: start)
            }
            await counters.record(op)
            events(.completed(step.address, op, id: id, elapsed: ContinuousClock.now - start))
            return true
        } catch {
            let message = (error as? ProviderError)?.message ?? (error as? EngineError)?.message ?? "\(error)"
            await counters.fail(ApplyFailure(address: step.address, operation: op, message: message))
            events(.failed(step.address, op, message: message, elapsed: ContinuousClock.now - start))
            return false
        }
    }

    private func applyStep(_ address: ResourceAddress, change: ResourceChange, op: ApplyOperation,
                           start: ContinuousClock.Instant) async throws -> String {
        guard let config = stack[address] else {
            throw EngineError("\(address) is not in the configuration any more; plan again")
        }
        let rs = schema.resourceTypes[address.type]
        var known: [ResourceAddress: [String: Value]] = [:]
        for d in config.dependencies { known[d] = await live.attributes(of: d) }
        var hashedReference: Reference?
        let resolved = Evaluator.resolve(config.value) { ref in
            let v = known[ref.address].flatMap { Value.map($0)[path: ref.path] }
            if let v, SensitiveHasher.containsDigest(v) { hashedReference = ref }
            return v
        }
        // State keeps secrets only as keyed hashes: handing one on would give the provider the
        // hash instead of the secret.
        if let ref = hashedReference {
            throw EngineError("\(ref.range): ${\(ref)} names a sensitive value of another resource, which state keeps only as a keyed hash; pass the secret to both resources through a sensitive variable instead")
        }
        let normalized = Engine.markSensitive(
            provider.normalize(NormalizeRequest(type: address.type, attributes: resolved.mapValue ?? [:])).attributes,
            schema: rs)
        if let unknown = normalized.keys.sorted().first(where: { !(normalized[$0]?.isFullyKnown ?? true) }) {
            throw EngineError("the value of \(unknown) is still unknown after applying what it depends on")
        }
        if op == .update {
            guard let prior = await live.resource(address) else {
                throw EngineError("\(address) is no longer in state; plan again")
            }
            let planned = ValuePath.applyingIgnored(config.lifecycle.ignoreChanges, planned: normalized, prior: prior.attributes)
            let computed = rs?.computedAttributes ?? []
            let changed = differ.changedAttributes(before: prior.attributes, after: planned.filter { !computed.contains($0.key) })
            events(.started(address, .update, id: prior.id))
            let response = try await withProgress(address, .update, id: prior.id, start: start) {
                try await provider.update(UpdateRequest(address: address, id: prior.id, priorAttributes: prior.attributes,
                                                        plannedAttributes: planned, changedAttributes: changed))
            }
            let attrs = Engine.merge(reported: response.attributes, over: planned, schema: rs)
            await live.update { state in
                state.resources[address]?.attributes = attrs
                state.resources[address]?.privateData = nil  // it vouched for the old attributes
                state.resources[address]?.dependencies = config.dependencies
            }
            return prior.id
        }
        events(.started(address, .create, id: nil))
        let token = schema.usesIdempotencyTokens ? await idempotencyToken(address, normalized) : ""
        let response = try await withProgress(address, .create, id: nil, start: start) {
            try await provider.create(CreateRequest(address: address, attributes: normalized, idempotencyToken: token))
        }
        // What the provider reports wins; configured attributes it does not report are kept.
        let attrs = Engine.merge(reported: response.attributes, over: normalized, schema: rs)
        let cbd = change.action == .replace && change.createBeforeDestroy
        await live.update { state in
            // The old object (replaced create-before-destroy) stays recorded, as deposed, in the
            // same write that records the new one: a crash between the two leaks nothing.
            if cbd, let old = state.resources[address] {
                state.deposed.append(DeposedObject(address: address, id: old.id, attributes: old.attributes))
            }
            state.resources[address] = ResourceState(address: address, id: response.id, attributes: attrs,
                                                     dependencies: config.dependencies)
        }
        return response.id
    }

    private func destroyStep(_ address: ResourceAddress, id: String, change: ResourceChange,
                             start: ContinuousClock.Instant) async throws -> String {
        let state = await live.current
        let prior: [String: Value]
        let deposed: Bool
        if let d = state.deposed.first(where: { $0.address == address && $0.id == id }) {
            prior = d.attributes
            deposed = true
        } else if let r = state.resources[address], r.id == id {
            prior = r.attributes
            deposed = false
        } else {
            prior = change.before ?? [:]
            deposed = false
        }
        events(.started(address, .delete, id: id))
        _ = try await withProgress(address, .delete, id: id, start: start) {
            try await provider.delete(DeleteRequest(address: address, id: id, priorAttributes: prior))
        }
        await live.update { state in
            if deposed {
                state.deposed.removeAll { $0.address == address && $0.id == id }
            } else if state.resources[address]?.id == id {
                state.resources[address] = nil
            }
        }
        return id
    }

    /// SHA-256 of lineage, address and attributes (secrets as keyed hashes): stable across retries.
    private func idempotencyToken(_ address: ResourceAddress, _ attributes: [String: Value]) async -> String {
        var text = await live.current.lineage + "|" + address.description + "|"
        StateV1Writer.write(.map(attributes), hasher: differ.hasher, into: &text)
        return SensitiveHasher.hex(SHA256.hash(data: Data(text.utf8)).prefix(16))
    }

    /// Runs `body`, reporting `stillRunning` every `interval` until it finishes.
    private func withProgress<T: Sendable>(_ address: ResourceAddress, _ op: ApplyOperation, id: String?,
                                           start: ContinuousClock.Instant,
                                           _ body: () async throws -> T) async throws -> T {
        let interval = self.interval
        let events = self.events
        let ticker = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                events(.stillRunning(address, op, id: id, elapsed: ContinuousClock.now - start))
            }
        }
        defer { ticker.cancel() }
        return try await body()
    }
}
