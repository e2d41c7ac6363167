import StackConfig

/// Reading and writing a value at a path of map keys and list indices (for `ignore_changes`).
enum ValuePath {
    /// `root` with the value at `path` replaced by `newValue` (removed when nil). Paths that
    /// lead through something other than a map or list leave `root` unchanged.
    static func setting(_ root: Value, at path: ArraySlice<String>, to newValue: Value?) -> Value {
        guard let key = path.first else { return newValue ?? root }
        switch root {
        case .map(var m):
            if path.count == 1 {
                m[key] = newValue
            } else if let child = m[key] {
                m[key] = setting(child, at: path.dropFirst(), to: newValue)
            }
            return .map(m)
        case .list(var xs):
            guard let i = Int(key), xs.indices.contains(i) else { return root }
            if path.count == 1 {
                if let newValue { xs[i] = newValue }
            } else {
                xs[i] = setting(xs[i], at: path.dropFirst(), to: newValue)
            }
            return .list(xs)
        case .sensitive(let inner):
            return .sensitive(setting(inner, at: path, to: newValue))
        default:
            return root
        }
    }

    /// Applies `ignore_changes`: every ignored path of `planned` takes the prior value.
    static func applyingIgnored(_ paths: [[String]], planned: [String: Value], prior: [String: Value]) -> [String: Value] {
        guard !paths.isEmpty else { return planned }
        var tree = Value.map(planned)
        let priorTree = Value.map(prior)
        for path in paths where !path.isEmpty {
            tree = setting(tree, at: path[...], to: priorTree[path: path])
        }
        return tree.mapValue ?? planned
    }
}
