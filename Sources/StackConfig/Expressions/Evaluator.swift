/// Resolves the references left in configuration once the referenced values are known.
/// The engine calls it with values from state or from the plan so far; a reference it
/// cannot answer yet makes the result `(known after apply)`.
public enum Evaluator {
    /// `lookup` returns the referenced value, or nil when it is not known yet.
    public static func resolve(_ value: Value, lookup: (Reference) -> Value?) -> Value {
        switch value {
        case .template(let t):
            return resolve(t, lookup: lookup)
        case .list(let xs):
            return .list(xs.map { resolve($0, lookup: lookup) })
        case .map(let m):
            return .map(m.mapValues { resolve($0, lookup: lookup) })
        case .sensitive(let inner):
            let r = resolve(inner, lookup: lookup)
            if case .sensitive = r { return r }
            return .sensitive(r)
        default:
            return value
        }
    }

    public static func resolve(_ template: Template, lookup: (Reference) -> Value?) -> Value {
        if template.isWholeReference, let ref = template.references.first {
            return lookup(ref) ?? .unknown
        }
        var text = ""
        var sensitive = false
        var unknown = false
        for part in template.parts {
            switch part {
            case .literal(let s):
                text += s
            case .sensitiveLiteral(let s):
                text += s
                sensitive = true
            case .reference(let ref):
                guard let v = lookup(ref) else { unknown = true; continue }
                if v.isSensitive { sensitive = true }
                guard let s = interpolationText(v.unmarked) else { unknown = true; continue }
                text += s
            }
        }
        let result: Value = unknown ? .unknown : .string(text)
        return sensitive ? .sensitive(result) : result
    }

    /// How a value reads inside a string: numbers without a trailing `.0`; nil for unknown.
    public static func interpolationText(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return formatNumber(n)
        case .null: return ""
        case .sensitive(let v): return interpolationText(v)
        case .list, .map:
            return value.canonicalJSON
        case .unknown, .template: return nil
        }
    }

    /// `8080` rather than `8080.0`; other doubles in their shortest form.
    public static func formatNumber(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 9.0e15 { return String(Int(n)) }
        return String(n)
    }
}
