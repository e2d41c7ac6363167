import StackConfig

/// The plan/apply engine (Terraform's `terraform.Context`): one value holding the provider
/// and the state store; each operation lives in its own file under Operations/.
///
/// Locking is the caller's: operations that write state (`apply`, `importResource`,
/// `removeFromState`, `moveInState`) expect the caller to hold `lockState(operation:timeout:)`
/// for the whole command, so `plan` → prompt → `apply` is one locked unit.
public struct Engine: Sendable {
    public let provider: any Provider
    public let store: any StateStore

    public init(provider: any Provider, store: any StateStore) {
        self.provider = provider
        self.store = store
    }

    /// Takes the state lock; fails at once naming the holder, or waits up to `timeout`.
    public func lockState(operation: String, timeout: Duration = .zero) async throws -> any StateLock {
        try await store.lock(operation: operation, timeout: timeout)
    }

    /// The persisted state, or an empty one for `stack` when there is none yet.
    public func currentState(stack: String) async throws -> State {
        try await store.load() ?? State(stack: stack)
    }

    func schema() async throws -> ProviderSchema {
        try await provider.getSchema(GetSchemaRequest()).schema
    }

    /// Wraps attributes the schema calls sensitive, so they are hidden and hashed like marked values.
    static func markSensitive(_ attributes: [String: Value], schema: ResourceSchema?) -> [String: Value] {
        guard let schema else { return attributes }
        var out = attributes
        for (name, a) in schema.attributes where a.sensitive {
            if let v = out[name], case .sensitive = v { continue }
            if let v = out[name], v != .null { out[name] = .sensitive(v) }
        }
        return out
    }

    /// `reported` with the sensitivity marks of `reference` carried over path by path, so a
    /// secret a provider returns unmarked is still hidden and hashed in state.
    static func carryMarks(from reference: Value?, to reported: Value) -> Value {
        guard let reference, reference.isSensitive else { return reported }
        switch (reference, reported) {
        case (.sensitive, .sensitive):
            return reported
        case (.sensitive, _):
            return .sensitive(reported)
        case (.map(let r), .map(let m)):
            return .map(Dictionary(uniqueKeysWithValues: m.map { ($0.key, carryMarks(from: r[$0.key], to: $0.value)) }))
        case (.list(let r), .list(let xs)) where r.count == xs.count:
            return .list(zip(r, xs).map { carryMarks(from: $0, to: $1) })
        default:
            return reported
        }
    }

    /// Reported attributes over `base` (attributes the provider does not report keep their
    /// values), with `base`'s sensitivity marks and the schema's applied.
    static func merge(reported: [String: Value], over base: [String: Value], schema: ResourceSchema?) -> [String: Value] {
        var out = base
        for (k, v) in reported { out[k] = carryMarks(from: base[k], to: v) }
        return markSensitive(out, schema: schema)
    }
}
