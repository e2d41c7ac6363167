/// Which attribute paths a resource type has, from its shape: what references and
/// `lifecycle.ignore_changes` may name.
enum AttributePaths {
    /// nil when `path` names something the type exposes; otherwise why not.
    static func problem(with path: [String], in type: ResourceType, allowComputed: Bool) -> String? {
        guard let first = path.first else { return "no attribute given" }
        let shape = Schemas.shape(of: type)
        if allowComputed, type.computedAttributes.contains(first) {
            return path.count == 1 ? nil : "`\(first)` is text; it has no `\(path[1])`"
        }
        guard let field = shape[first], !field.isMeta else {
            let candidates = shape.attributeNames + (allowComputed ? type.computedAttributes : [])
            let hint = Suggestions.hint(for: first, in: candidates)
            return "a \(type.name) has no attribute `\(first)`\(hint)"
        }
        return problem(with: path.dropFirst(), in: field.shape, at: first)
    }

    private static func problem(with rest: ArraySlice<String>, in shape: Shape, at prefix: String) -> String? {
        guard let next = rest.first else { return nil }
        switch shape {
        case .object(let o):
            guard let f = o[next] else {
                return "`\(prefix)` has no `\(next)`\(Suggestions.hint(for: next, in: o.attributeNames))"
            }
            return problem(with: rest.dropFirst(), in: f.shape, at: prefix + "." + next)
        case .scalarMap, .secretMap:
            return rest.count == 1 ? nil : "`\(prefix).\(next)` is text; it has no `\(rest[rest.startIndex + 1])`"
        case .list(let element, _):
            guard Int(next) != nil else { return "`\(prefix)` is a list; index it by number, like `\(prefix).0`" }
            return problem(with: rest.dropFirst(), in: element, at: prefix + "." + next)
        case .stringList:
            guard Int(next) != nil else { return "`\(prefix)` is a list; index it by number, like `\(prefix).0`" }
            return rest.count == 1 ? nil : "`\(prefix).\(next)` is text; it has no `\(rest[rest.startIndex + 1])`"
        case .any:
            return nil
        default:
            return "`\(prefix)` is a single value; it has no `\(next)`"
        }
    }
}
