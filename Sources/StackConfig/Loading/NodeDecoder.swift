import YAML

/// Decodes YAML nodes against a `Shape` into canonical values, substituting variables,
/// keeping resource references as templates, and accumulating diagnostics instead of stopping.
struct NodeDecoder {
    var diagnostics = Diagnostics()
    /// Resolved variable values (sensitive ones wrapped).
    let variables: [String: Value]
    /// Every declared variable, resolved or not (unresolved ones were reported already).
    let declaredVariables: Set<String>
    let sources: SourceFiles

    /// Collected while decoding one resource or output.
    var references: [Reference] = []
    /// Where each top-level attribute was written. Deeper places are found on demand by
    /// walking the node (`NodePlaces`), which keeps the common, error-free path cheap.
    var ranges: [AttributePlace] = []
    /// The top-level attributes in whose values references were found (see
    /// `ResourceConfig.templateAttributes`).
    var templateKeys: [String] = []
    /// The keys from the decoded object down to the list or mapping being decoded: a value's
    /// path is this trail and its own key, joined only when a message names it (`text(of:)`).
    private var trail: [String] = []

    init(variables: [String: Value], declaredVariables: Set<String>, sources: SourceFiles) {
        self.variables = variables
        self.declaredVariables = declaredVariables
        self.sources = sources
    }

    mutating func begin() {
        references = []
        ranges = []
        templateKeys = []
    }

    // MARK: - Nodes

    /// Decodes `node` as `shape`; nil when it does not fit (a diagnostic says why).
    /// `path` is the dotted attribute path (for ranges and messages); `owner` the place of the
    /// key this value belongs to (for "missing key" errors).
    mutating func decode(_ node: Node, _ shape: Shape, path: AttrPath, owner: Mark? = nil) -> Value? {
        switch node {
        case .scalar(let scalar):
            guard let value = scalarValue(scalar) else { return nil }
            return conform(value, shape, path: path, at: scalar.mark, quoted: scalar.style != .plain)
        case .sequence(let items, let mark):
            switch shape {
            case .stringList(let nonEmpty):
                if nonEmpty && items.isEmpty { return mismatch(shape, found: "an empty list", path: path, at: mark) }
                trail.append(path.key)
                defer { trail.removeLast() }
                var out: [Value] = []
                out.reserveCapacity(items.count)
                var ok = true
                for (i, item) in items.enumerated() {
                    if let v = decode(item, .string(nonEmpty: nonEmpty), path: AttrPath(key: String(i))) { out.append(v) } else { ok = false }
                }
                return ok ? .list(out) : nil
            case .list(let element, let nonEmpty):
                if nonEmpty && items.isEmpty { return mismatch(shape, found: "an empty list", path: path, at: mark) }
                trail.append(path.key)
                defer { trail.removeLast() }
                var out: [Value] = []
                out.reserveCapacity(items.count)
                var ok = true
                for (i, item) in items.enumerated() {
                    if let v = decode(item, element, path: AttrPath(key: String(i))) { out.append(v) } else { ok = false }
                }
                return ok ? .list(out) : nil
            case .any:
                trail.append(path.key)
                defer { trail.removeLast() }
                var out: [Value] = []
                var ok = true
                for (i, item) in items.enumerated() {
                    if let v = decode(item, .any, path: AttrPath(key: String(i))) { out.append(v) } else { ok = false }
                }
                return ok ? .list(out) : nil
            default:
                return mismatch(shape, found: "a list", path: path, at: mark)
            }
        case .mapping(let pairs, let mark):
            switch shape {
            case .object(let object):
                trail.append(path.key)
                defer { trail.removeLast() }
                let (values, ok) = decodeFields(pairs, object, at: mark, owner: owner)
                return ok ? .map(values) : nil
            case .scalarMap, .secretMap:
                trail.append(path.key)
                defer { trail.removeLast() }
                var out: [String: Value] = [:]
                out.reserveCapacity(pairs.count)
                var ok = true
                for pair in pairs {
                    guard let key = pair.key.scalar else { continue }
                    if key.value.isEmpty {
                        diagnostics.error("an empty key is not allowed in `\(joinedTrail())`", at: SourceRange(key.mark))
                        ok = false
                        continue
                    }
                    let itemShape: Shape = .string(nonEmpty: false)
                    let itemPath = AttrPath(key: key.value)
                    guard case .scalar(let s) = pair.value else {
                        _ = mismatch(itemShape, found: pair.value.kindDescription, path: itemPath, at: pair.value.mark)
                        ok = false
                        continue
                    }
                    guard var v = scalarValue(s) else { ok = false; continue }
                    if case .secretMap = shape {
                        guard let c = conform(v, itemShape, path: itemPath, at: s.mark, quoted: s.style != .plain) else { ok = false; continue }
                        out[key.value] = c.isSensitive ? c : .sensitive(c)
                        continue
                    }
                    switch v {
                    case .number(let n): v = .string(Evaluator.formatNumber(n))
                    case .bool(let b): v = .string(b ? "true" : "false")
                    default: break
                    }
                    guard let c = conform(v, itemShape, path: itemPath, at: s.mark, quoted: s.style != .plain) else { ok = false; continue }
                    out[key.value] = c
                }
                return ok ? .map(out) : nil
            case .any:
                trail.append(path.key)
                defer { trail.removeLast() }
                var out: [String: Value] = [:]
                var ok = true
                for pair in pairs {
                    guard let key = pair.key.scalarValue else { continue }
                    if let v = decode(pair.value, .any, path: AttrPath(key: key)) { out[key] = v } else { ok = false }
                }
                return ok ? .map(out) : nil
            default:
                return mismatch(shape, found: "a mapping", path: path, at: mark)
            }
        }
    }

    /// Decodes a mapping's known keys, fills defaults, reports unknown and missing keys.
    /// Meta fields are skipped (the caller reads them); computed fields are left out.
    /// `path` is the object's own dotted path ("" for a resource's attributes).
    mutating func decodeObject(_ pairs: [Node.Pair], _ object: ObjectShape, path: String, at: Mark, owner: Mark?) -> (values: [String: Value], ok: Bool) {
        // Callers start at the top (an empty trail), whose buffer is then kept from object to
        // object; any other trail is set aside and restored.
        let outer = trail.isEmpty ? nil : trail
        if outer != nil { trail = [] }
        if !path.isEmpty { trail.append(path) }
        defer { if let outer { trail = outer } else { trail.removeAll(keepingCapacity: true) } }
        return decodeFields(pairs, object, at: at, owner: owner)
    }

    /// `decodeObject` for the object at the end of `trail` (the top level when it is empty).
    private mutating func decodeFields(_ pairs: [Node.Pair], _ object: ObjectShape, at: Mark, owner: Mark?) -> (values: [String: Value], ok: Bool) {
        let topLevel = trail.isEmpty
        var out: [String: Value] = [:]
        out.reserveCapacity(object.fields.count)
        var ok = true
        var seen: UInt64 = 0
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            guard let fieldIndex = object.index(of: key.value) else {
                let hint = Suggestions.hint(for: key.value, in: object.fields.map(\.name))
                diagnostics.error("unknown key `\(key.value)` in \(object.what)\(hint)", at: SourceRange(key.mark))
                ok = false
                continue
            }
            let field = object.fields[fieldIndex]
            if field.isMeta { continue }
            if topLevel {
                // Blocks and lists are pointed at by their key, scalars by their value.
                if case .scalar(let s) = pair.value {
                    ranges.append(AttributePlace(name: key.value, mark: s.mark))
                } else {
                    ranges.append(AttributePlace(name: key.value, mark: key.mark))
                }
            }
            if isNull(pair.value) {
                if case .required = field.presence { continue }  // reported as missing below
                seen |= 1 << UInt64(fieldIndex)
                if case .optional(let d) = field.presence { out[key.value] = d }
                continue
            }
            seen |= 1 << UInt64(fieldIndex)
            let referencesBefore = references.count
            if let v = decode(pair.value, field.shape, path: AttrPath(key: key.value), owner: key.mark) {
                out[key.value] = v
            } else {
                ok = false
            }
            if topLevel, references.count > referencesBefore { templateKeys.append(key.value) }
        }
        for (i, field) in object.fields.enumerated() where seen & (1 << UInt64(i)) == 0 {
            switch field.presence {
            case .required:
                let place = owner ?? at
                diagnostics.error("\(object.what) is missing the required key `\(field.name)`", at: SourceRange(place))
                ok = false
            case .optional(let d):
                out[field.name] = d
            case .computed, .meta:
                break
            }
        }
        return (out, ok)
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        if let tag = s.tagName { return tag.string == "!!null" }
        return (s.value.isEmpty || s.value == "~" || s.value == "null" || s.value == "Null" || s.value == "NULL")
    }

    // MARK: - Scalars

    /// A scalar's typed value, with `${...}` resolved: variables substituted, references kept.
    mutating func scalarValue(_ scalar: Node.Scalar) -> Value? {
        let core: CoreValue
        do {
            core = try scalar.coreValue()
        } catch {
            diagnostics.error(error.message, at: SourceRange(error.mark))
            return nil
        }
        switch core {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(Double(i))
        case .float(let d):
            guard d.isFinite else {
                diagnostics.error("`\(scalar.value)` is not a usable number; write a finite number", at: SourceRange(scalar.mark))
                return nil
            }
            return .number(d)
        case .string(let text):
            guard Interpolation.mightContainExpression(text) else { return .string(text) }
            return interpolate(text, scalar: scalar)
        }
    }

    /// Resolves `${...}` in a string. A string that is exactly one expression keeps the
    /// referenced value's type; otherwise the result is text, or a template if it refers to
    /// other resources.
    mutating func interpolate(_ text: String, scalar: Node.Scalar) -> Value? {
        let segments: [Interpolation.Segment]
        switch Interpolation.parse(text) {
        case .failure(let f):
            diagnostics.error(f.message, at: sources.place(ofDollar: f.dollarOrdinal, in: scalar))
            return nil
        case .success(let s):
            segments = s
        }
        if segments.count == 1, case .expression(let expr, let ordinal) = segments[0] {
            switch resolve(expr, ordinal: ordinal, scalar: scalar) {
            case .value(let v): return v
            case .reference(let r): return .template(Template(parts: [.reference(r)]))
            case .failed: return nil
            }
        }
        var parts: [Template.Part] = []
        var failed = false
        func appendLiteral(_ s: String, sensitive: Bool) {
            if !sensitive, case .literal(let prev)? = parts.last {
                parts[parts.count - 1] = .literal(prev + s)
            } else if sensitive, case .sensitiveLiteral(let prev)? = parts.last {
                parts[parts.count - 1] = .sensitiveLiteral(prev + s)
            } else {
                parts.append(sensitive ? .sensitiveLiteral(s) : .literal(s))
            }
        }
        for segment in segments {
            switch segment {
            case .literal(let s):
                appendLiteral(s, sensitive: false)
            case .expression(let expr, let ordinal):
                switch resolve(expr, ordinal: ordinal, scalar: scalar) {
                case .value(let v):
                    appendLiteral(Evaluator.interpolationText(v) ?? "", sensitive: v.isSensitive)
                case .reference(let r):
                    parts.append(.reference(r))
                case .failed:
                    failed = true
                }
            }
        }
        if failed { return nil }
        let template = Template(parts: parts)
        if template.references.isEmpty {
            var joined = ""
            for p in parts {
                switch p {
                case .literal(let s), .sensitiveLiteral(let s): joined += s
                case .reference: break
                }
            }
            return template.isSensitive ? .sensitive(.string(joined)) : .string(joined)
        }
        return .template(template)
    }

    enum Resolved {
        case value(Value)
        case reference(Reference)
        case failed
    }

    mutating func resolve(_ expr: String, ordinal: Int, scalar: Node.Scalar) -> Resolved {
        let place = sources.place(ofDollar: ordinal, in: scalar)
        switch Expression.parse(expr) {
        case .failure(let e):
            diagnostics.error(e.message, at: place)
            return .failed
        case .success(.variable(let name)):
            if let v = variables[name] { return .value(v) }
            if !declaredVariables.contains(name) {
                let hint = Suggestions.hint(for: name, in: declaredVariables)
                diagnostics.error("unknown variable `\(name)`; declare it under `variables:`\(hint)", at: place)
            }
            return .failed
        case .success(.reference(let address, let path)):
            let r = Reference(address: address, path: path, range: place)
            references.append(r)
            return .reference(r)
        }
    }

    // MARK: - Fitting values to shapes

    /// Checks a value (from a scalar or a variable) against a scalar-ish shape.
    mutating func conform(_ value: Value, _ shape: Shape, path: AttrPath, at place: Mark, quoted: Bool = false, fromVariable: Bool = false) -> Value? {
        switch value {
        case .sensitive(let inner):
            return conform(inner, shape, path: path, at: place, quoted: quoted, fromVariable: true).map { $0.isSensitive ? $0 : .sensitive($0) }
        case .template(let t):
            switch shape {
            case .string, .name, .any:
                return value
            case .integer, .bool, .oneOf, .stringList, .scalarMap, .secretMap:
                if t.isWholeReference { return value }
                return mismatch(shape, found: "text", path: path, at: place)
            case .list, .object:
                return mismatch(shape, found: "a reference; write it out in the file", path: path, at: place)
            }
        case .unknown:
            return value
        default:
            break
        }
        switch shape {
        case .any:
            return value
        case .string(let nonEmpty):
            switch value {
            case .string(let s):
                if nonEmpty && s.isEmpty { return mismatch(shape, found: "empty text", path: path, at: place) }
                return value
            case .number(let n) where fromVariable: return .string(Evaluator.formatNumber(n))
            case .bool(let b) where fromVariable: return .string(b ? "true" : "false")
            default: return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place, hint: value.isScalarLiteral ? "; quote it to make it text" : "")
            }
        case .name:
            guard case .string(let s) = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            guard NameRules.isValidName(s) else {
                diagnostics.error("`\(s)` is not a valid name for `\(text(of: path))`: use 1 to 255 letters, digits, `_` or `-`, starting with a letter", at: SourceRange(place))
                return nil
            }
            return value
        case .integer(let lo, let hi):
            guard case .number(let n) = value else {
                var hint = ""
                if case .string(let s) = value, Double(s) != nil { hint = quoted ? "; remove the quotes" : "" }
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place, hint: hint)
            }
            guard n.rounded() == n, abs(n) < 9.0e15 else {
                return mismatch(shape, found: "`\(Evaluator.formatNumber(n))`", path: path, at: place)
            }
            if let lo, n < Double(lo) { return outOfRange(shape, n, path: path, at: place) }
            if let hi, n > Double(hi) { return outOfRange(shape, n, path: path, at: place) }
            return value
        case .bool:
            guard case .bool = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            return value
        case .oneOf(let words):
            guard case .string(let s) = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            guard words.contains(s) else {
                let hint = Suggestions.hint(for: s, in: words)
                diagnostics.error("`\(text(of: path))` must be \(shape.expectation), not `\(s)`\(hint)", at: SourceRange(place))
                return nil
            }
            return value
        case .stringList(let nonEmpty):
            guard case .list(let xs) = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            if nonEmpty && xs.isEmpty { return mismatch(shape, found: "an empty list", path: path, at: place) }
            var out: [Value] = []
            for x in xs {
                guard let c = conform(x, .string(nonEmpty: nonEmpty), path: path, at: place, fromVariable: true) else { return nil }
                out.append(c)
            }
            return .list(out)
        case .list(let element, let nonEmpty):
            guard case .list(let xs) = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            if nonEmpty && xs.isEmpty { return mismatch(shape, found: "an empty list", path: path, at: place) }
            var out: [Value] = []
            for x in xs {
                guard let c = conform(x, element, path: path, at: place, fromVariable: true) else { return nil }
                out.append(c)
            }
            return .list(out)
        case .scalarMap, .secretMap:
            guard case .map(let m) = value else {
                return mismatch(shape, found: describe(value, quoted: quoted), path: path, at: place)
            }
            var out: [String: Value] = [:]
            for (k, v) in m {
                guard var c = conform(v, .string(nonEmpty: false), path: AttrPath(parent: text(of: path), key: k), at: place, fromVariable: true) else { return nil }
                if case .secretMap = shape, !c.isSensitive { c = .sensitive(c) }
                out[k] = c
            }
            return .map(out)
        case .object(let o):
            return mismatch(shape, found: describe(value, quoted: quoted) + "; write the \(o.what) out in the file", path: path, at: place)
        }
    }

    private mutating func mismatch(_ shape: Shape, found: String, path: AttrPath, at place: Mark, hint: String = "") -> Value? {
        let here = text(of: path)
        let subject = here.isEmpty ? "this value" : "`\(here)`"
        diagnostics.error("\(subject) must be \(shape.expectation), found \(found)\(hint)", at: SourceRange(place))
        return nil
    }

    private mutating func outOfRange(_ shape: Shape, _ n: Double, path: AttrPath, at place: Mark) -> Value? {
        diagnostics.error("`\(text(of: path))` must be \(shape.expectation), not \(Evaluator.formatNumber(n))", at: SourceRange(place))
        return nil
    }

    /// The dotted text of `path`: its explicit parent's, or the trail's, then its key (an empty
    /// part before the first non-empty one is left out, as joining level by level did).
    func text(of path: AttrPath) -> String {
        if let parent = path.parent { return parent.isEmpty ? path.key : parent + "." + path.key }
        let joined = joinedTrail()
        return joined.isEmpty ? path.key : joined + "." + path.key
    }

    /// The trail's text: the path of the list or mapping being decoded.
    func joinedTrail() -> String {
        var joined = ""
        for part in trail { joined = joined.isEmpty ? part : joined + "." + part }
        return joined
    }

    func describe(_ value: Value, quoted: Bool) -> String {
        switch value {
        case .null: return "nothing (null)"
        case .bool(let b): return "the boolean `\(b)`"
        case .number(let n): return "the number `\(Evaluator.formatNumber(n))`"
        case .string(let s): return quoted ? "the quoted text \"\(s)\"" : "the text `\(s)`"
        case .list: return "a list"
        case .map: return "a mapping"
        case .sensitive: return "a sensitive value"
        case .unknown: return "an unknown value"
        case .template: return "text"
        }
    }
}

extension Value {
    var isScalarLiteral: Bool {
        switch self {
        case .number, .bool: return true
        default: return false
        }
    }
}

/// A value's place below the object being decoded, joined only when a message needs it
/// (`NodeDecoder.text(of:)`): most values decode without error, so building
/// `containers.0.ports.0.host` for each of them would be wasted work.
struct AttrPath {
    /// The enclosing path's text when it is not the decoder's trail (values of a variable's map).
    let parent: String?
    let key: String

    /// A key below the decoder's trail.
    init(key: String) {
        self.parent = nil
        self.key = key
    }

    init(parent: String, key: String) {
        self.parent = parent
        self.key = key
    }
}
