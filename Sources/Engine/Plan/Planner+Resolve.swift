import StackConfig

extension Planner {
    /// `Evaluator.resolve`, except that a map or list with no template anywhere inside is
    /// returned as it is instead of rebuilt: configuration is mostly literal, so a plan of
    /// thousands of resources would otherwise copy every configured tree once just to find
    /// the few references in it. The result equals `Evaluator.resolve(value, lookup:)`.
    static func resolve(_ value: Value, lookup: (Reference) -> Value?) -> Value {
        resolvedIfChanged(value, lookup: lookup) ?? value
    }

    /// `config`'s attributes resolved (`resolve(config.value, lookup:)`'s map): only the
    /// attributes that may hold a template are looked at, when the configuration says which.
    static func resolve(_ config: ResourceConfig, lookup: (Reference) -> Value?) -> [String: Value] {
        guard let names = config.templateAttributes else { return resolve(config.value, lookup: lookup).mapValue ?? [:] }
        var attributes = config.attributes
        for name in names {
            guard let value = attributes[name], let r = resolvedIfChanged(value, lookup: lookup) else { continue }
            attributes[name] = r
        }
        return attributes
    }

    /// The resolved value, or nil when resolving leaves `value` as it is.
    private static func resolvedIfChanged(_ value: Value, lookup: (Reference) -> Value?) -> Value? {
        switch value {
        case .template(let t):
            return Evaluator.resolve(t, lookup: lookup)
        case .list(let xs):
            var out: [Value] = []
            var changed = false
            for i in xs.indices {
                guard let r = resolvedIfChanged(xs[i], lookup: lookup) else { continue }
                if !changed { out = xs; changed = true }
                out[i] = r
            }
            return changed ? .list(out) : nil
        case .map(let m):
            var out: [String: Value] = [:]
            var changed = false
            for (k, v) in m {
                guard let r = resolvedIfChanged(v, lookup: lookup) else { continue }
                if !changed { out = m; changed = true }
                out[k] = r
            }
            return changed ? .map(out) : nil
        case .sensitive(let inner):
            // As Evaluator: a sensitive value resolving to a sensitive one is not wrapped twice.
            if let r = resolvedIfChanged(inner, lookup: lookup) {
                if case .sensitive = r { return r }
                return .sensitive(r)
            }
            if case .sensitive = inner { return inner }
            return nil
        default:
            return nil
        }
    }
}
