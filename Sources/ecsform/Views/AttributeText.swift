import Engine
import StackConfig

/// Attribute trees as Terraform prints them in plans and `state show`: nested maps as
/// `key = { ... }` blocks, lists as `[ ... ]` with one element a line, a change marker
/// (`+`, `-`, `~`) on every line, keys aligned within each block, and unchanged
/// siblings of an update folded into `# (N unchanged attributes hidden)`.
///
/// Layout (Terraform's): a line is `indent` spaces, the marker (or a space), a space and
/// the text; the entries of a nested block sit 4 columns further in and its closing
/// bracket lines up with the key that opened it.
struct AttributeText {
    /// Compares values for updates (secrets by keyed hash); not needed to show one object.
    let differ: Differ?
    let style: Style

    private func equal(_ a: Value?, _ b: Value?) -> Bool { differ?.equal(a, b) ?? (a == b) }

    /// A change marker; `.none` is an unchanged line (state views, context lines).
    enum Mark {
        case create, update, delete, none
    }

    /// One rendered entry of a block: the text after `key = ` on the first line, and the
    /// fully indented lines after it (the last one closes the bracket opened by `head`).
    private struct Rendered {
        var mark: Mark
        var head: String
        var tail: [String] = []
    }

    // MARK: Whole objects

    /// Every attribute of an object that is created (`+`), deleted (`-`) or just shown (no
    /// marker); null attributes are left out as Terraform does.
    func object(_ attrs: [String: Value], mark: Mark, indent: Int) -> [String] {
        let keys = attrs.keys.sorted().filter { attrs[$0] != .null }
        let entries = keys.map { k in (k, whole(attrs[k] ?? .null, mark: mark, indent: indent, topLevel: true)) }
        return block(entries, indent: indent)
    }

    /// The attributes of an update or replacement that change (`keys`), marked `+`/`-`/`~`
    /// down to the nested value that differs; the rest counted in one comment line.
    /// `forcing` are attributes whose line gets `# forces replacement`.
    func changes(before: [String: Value], after: [String: Value], keys: [String], forcing: Set<String>,
                 indent: Int) -> [String] {
        var entries: [(String, Rendered)] = []
        for k in keys.sorted() {
            for var r in diff(before[k], after[k], indent: indent) {
                if forcing.contains(k) { r.head += style.red(" # forces replacement") }
                entries.append((k, r))
            }
        }
        let hidden = after.filter { !keys.contains($0.key) && $0.value != .null }.count
        var out = block(entries, indent: indent)
        if hidden > 0 { out.append(comment(hidden, "attribute", indent: indent)) }
        return out
    }

    // MARK: Blocks and lines

    private func block(_ entries: [(String, Rendered)], indent: Int) -> [String] {
        let keys = entries.map { Self.key($0.0) }
        let width = keys.map(\.count).max() ?? 0
        var out: [String] = []
        for (key, (_, r)) in zip(keys, entries) {
            out.append(line(indent, r.mark, key.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + r.head))
            out += r.tail
        }
        return out
    }

    private func line(_ indent: Int, _ mark: Mark, _ text: String) -> String {
        String(repeating: " ", count: indent) + symbol(mark) + " " + text
    }

    private func closing(_ indent: Int, _ text: String) -> String {
        String(repeating: " ", count: indent + 2) + text
    }

    private func comment(_ n: Int, _ noun: String, indent: Int) -> String {
        closing(indent, "# (\(n) unchanged \(noun)\(n == 1 ? "" : "s") hidden)")
    }

    private func symbol(_ mark: Mark) -> String {
        switch mark {
        case .create: return style.green("+")
        case .delete: return style.red("-")
        case .update: return style.yellow("~")
        case .none: return " "
        }
    }

    /// Map keys as HCL writes them: bare when they are identifiers, quoted otherwise.
    static func key(_ k: String) -> String {
        let ok = !k.isEmpty && k.unicodeScalars.enumerated().allSatisfy { i, c in
            c.properties.isAlphabetic && c.isASCII || c == "_" || (i > 0 && (c == "-" || ("0"..."9").contains(c)))
        }
        return ok ? k : JSONText.quote(k)
    }

    // MARK: One value, all one way

    /// A value that is entirely created, deleted or shown. A deleted top-level value ends in
    /// `-> null` as in Terraform.
    private func whole(_ v: Value, mark: Mark, indent: Int, topLevel: Bool = false) -> Rendered {
        let null = topLevel && mark == .delete ? " -> null" : ""
        switch v {
        case .map(let m) where !m.isEmpty:
            let keys = m.keys.sorted().filter { m[$0] != .null }
            let inner = keys.map { k in (k, whole(m[k] ?? .null, mark: mark, indent: indent + 4)) }
            return Rendered(mark: mark, head: "{", tail: block(inner, indent: indent + 4) + [closing(indent, "}" + null)])
        case .list(let xs) where !xs.isEmpty:
            if let one = oneLine(xs) { return Rendered(mark: mark, head: one + null) }
            var tail: [String] = []
            for x in xs { tail += element(whole(x, mark: mark, indent: indent + 4), indent: indent + 4) }
            return Rendered(mark: mark, head: "[", tail: tail + [closing(indent, "]" + null)])
        default:
            return Rendered(mark: mark, head: scalar(v) + null)
        }
    }

    /// A list element: its own marker, no key, a comma after the value.
    private func element(_ r: Rendered, indent: Int) -> [String] {
        guard let last = r.tail.last else { return [line(indent, r.mark, r.head + ",")] }
        return [line(indent, r.mark, r.head)] + r.tail.dropLast() + [last + ","]
    }

    /// Short lists of plain scalars stay on one line (`["/bin/httpd", "-f"]`).
    private func oneLine(_ xs: [Value]) -> String? {
        guard xs.allSatisfy({ $0.mapValue == nil && $0.listValue == nil }) else { return nil }
        let text = "[" + xs.map(scalar).joined(separator: ", ") + "]"
        return text.count <= 40 ? text : nil
    }

    private func scalar(_ v: Value) -> String {
        switch v {
        case .map: return v.isSensitive ? "(sensitive)" : "{}"
        case .list: return v.isSensitive ? "(sensitive)" : "[]"
        default: return ValueText.human(v)
        }
    }

    // MARK: Differences

    /// How one attribute (or nested value) changes: nothing when equal, one entry for a
    /// create, delete or in-place change, two (`-` old, `+` new) when its kind changes.
    private func diff(_ a: Value?, _ b: Value?, indent: Int) -> [Rendered] {
        // Null and absent read the same, as in a create where null attributes are left out.
        let a = a == .null ? nil : a, b = b == .null ? nil : b
        if equal(a, b) { return [] }
        guard let a else { return b.map { [whole($0, mark: .create, indent: indent)] } ?? [] }
        guard let b else { return [whole(a, mark: .delete, indent: indent, topLevel: true)] }
        switch (a, b) {
        case (.map(let x), .map(let y)) where !x.isEmpty || !y.isEmpty:
            var entries: [(String, Rendered)] = []
            var hidden = 0
            for k in Set(x.keys).union(y.keys).sorted() {
                let rs = diff(x[k], y[k], indent: indent + 4)
                if rs.isEmpty, x[k] ?? .null != .null { hidden += 1 }
                entries += rs.map { (k, $0) }
            }
            var tail = block(entries, indent: indent + 4)
            if hidden > 0 { tail.append(comment(hidden, "attribute", indent: indent + 4)) }
            return [Rendered(mark: .update, head: "{", tail: tail + [closing(indent, "}")])]
        case (.list(let x), .list(let y)) where !x.isEmpty || !y.isEmpty:
            return [Rendered(mark: .update, head: "[", tail: listDiff(x, y, indent: indent + 4) + [closing(indent, "]")])]
        default:
            if isContainer(a) || isContainer(b) {
                return [whole(a, mark: .delete, indent: indent, topLevel: true), whole(b, mark: .create, indent: indent)]
            }
            if a.isSensitive && b.isSensitive { return [Rendered(mark: .update, head: "(sensitive)")] }
            return [Rendered(mark: .update, head: scalar(a) + " -> " + scalar(b))]
        }
    }

    private func isContainer(_ v: Value) -> Bool {
        switch v {
        case .map(let m): return !m.isEmpty
        case .list(let xs): return !xs.isEmpty
        default: return false
        }
    }

    /// Lines for the elements of a changed list. Equal lengths compare position by position
    /// (a container changed in place shows as `~ {`); otherwise a longest common subsequence
    /// pairs equal elements and the rest are removed or added. Unchanged elements are counted.
    private func listDiff(_ x: [Value], _ y: [Value], indent: Int) -> [String] {
        var out: [String] = []
        var hidden = 0
        func flushHidden() {
            if hidden > 0 { out.append(comment(hidden, "element", indent: indent)) }
            hidden = 0
        }
        func emit(_ rs: [Rendered]) {
            if rs.isEmpty { hidden += 1; return }
            flushHidden()
            for r in rs { out += element(r, indent: indent) }
        }
        if x.count == y.count {
            for (a, b) in zip(x, y) {
                // A changed scalar element reads as Terraform's `- old,` then `+ new,`.
                if !equal(a, b), !isContainer(a), !isContainer(b) {
                    emit([whole(a, mark: .delete, indent: indent), whole(b, mark: .create, indent: indent)])
                } else {
                    emit(diff(a, b, indent: indent))
                }
            }
        } else {
            for step in lcs(x, y) {
                switch step {
                case .same: hidden += 1
                case .removed(let v): emit([whole(v, mark: .delete, indent: indent)])
                case .added(let v): emit([whole(v, mark: .create, indent: indent)])
                }
            }
        }
        flushHidden()
        return out
    }

    private enum Step { case same, removed(Value), added(Value) }

    private func lcs(_ x: [Value], _ y: [Value]) -> [Step] {
        let n = x.count, m = y.count
        var t = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                t[i][j] = equal(x[i], y[j]) ? t[i + 1][j + 1] + 1 : max(t[i + 1][j], t[i][j + 1])
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, equal(x[i], y[j]) {
                steps.append(.same); i += 1; j += 1
            } else if i < n, j == m || t[i + 1][j] >= t[i][j + 1] {
                steps.append(.removed(x[i])); i += 1
            } else {
                steps.append(.added(y[j])); j += 1
            }
        }
        return steps
    }
}
