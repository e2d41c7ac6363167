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
///
/// Everything is appended to one `String` as it is produced: a plan from empty prints
/// hundreds of thousands of lines, and building them as arrays of line strings (re-copied at
/// every nesting level) cost more than planning.
struct AttributeText {
    /// Compares values for updates (secrets by keyed hash); not needed to show one object.
    let differ: Differ?
    let style: Style

    private func equal(_ a: Value?, _ b: Value?) -> Bool { differ?.equal(a, b) ?? (a == b) }

    /// A change marker; `.none` is an unchanged line (state views, context lines).
    enum Mark {
        case create, update, delete, none
    }

    /// One rendered entry of a changed block: the text after `key = ` on the first line, and
    /// the fully indented lines after it, each ending in a newline (the last one closes the
    /// bracket opened by `head`).
    private struct Rendered {
        var mark: Mark
        var head: String
        var tail: String = ""
    }

    // MARK: Whole objects

    /// Every attribute of an object that is created (`+`), deleted (`-`) or just shown (no
    /// marker), appended to `out` one line each; null attributes are left out as Terraform does.
    func object(_ attrs: [String: Value], mark: Mark, indent: Int, into out: inout String) {
        writeBlock(attrs, mark: mark, indent: indent, topLevel: true, into: &out)
    }

    /// The attributes of an update or replacement that change (`keys`), marked `+`/`-`/`~`
    /// down to the nested value that differs; the rest counted in one comment line.
    /// `forcing` are attributes whose line gets `# forces replacement`.
    func changes(before: [String: Value], after: [String: Value], keys: [String], forcing: Set<String>,
                 indent: Int, into out: inout String) {
        var entries: [(String, Rendered)] = []
        for k in keys.sorted() {
            for var r in diff(before[k], after[k], indent: indent) {
                if forcing.contains(k) { r.head += style.red(" # forces replacement") }
                entries.append((k, r))
            }
        }
        let changed = Set(keys)
        let hidden = after.filter { !changed.contains($0.key) && $0.value != .null }.count
        block(entries, indent: indent, into: &out)
        if hidden > 0 { comment(hidden, "attribute", indent: indent, into: &out) }
    }

    // MARK: Lines

    /// Runs of spaces for indents and key padding, so neither allocates.
    private static let spaces: [String] = (0...64).map { String(repeating: " ", count: $0) }

    private static func pad(_ n: Int, into out: inout String) {
        guard n > 0 else { return }
        if n < spaces.count { out += spaces[n] } else { out += String(repeating: " ", count: n) }
    }

    /// The start of a line: its indent, the marker and a space.
    private func lineStart(_ indent: Int, _ mark: Mark, into out: inout String) {
        Self.pad(indent, into: &out)
        switch mark {
        case .create: out += style.green("+")
        case .delete: out += style.red("-")
        case .update: out += style.yellow("~")
        case .none: out += " "
        }
        out += " "
    }

    /// `key` (already in HCL form) padded to `width` columns, then ` = `.
    private func keyPrefix(_ key: String, width: Int, into out: inout String) {
        out += key
        Self.pad(width - Self.paddedLength(key), into: &out)
        out += " = "
    }

    /// The length that padding counts: UTF-16 units, as Foundation's `padding(toLength:)`
    /// that this output has always been aligned with (a wide emoji then takes its two columns).
    static func paddedLength(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.utf16.count
    }

    private func closing(_ indent: Int, _ text: String, into out: inout String) {
        Self.pad(indent + 2, into: &out)
        out += text
    }

    private func comment(_ n: Int, _ noun: String, indent: Int, into out: inout String) {
        closing(indent, "# (\(n) unchanged \(noun)\(n == 1 ? "" : "s") hidden)", into: &out)
        out += "\n"
    }

    /// How many columns `s` takes (its characters; its bytes when it is ASCII).
    private static func columns(_ s: String) -> Int {
        s.utf8.allSatisfy { $0 < 0x80 } ? s.utf8.count : s.count
    }

    /// Map keys as HCL writes them: bare when they are identifiers (an ASCII letter or `_`,
    /// then letters, digits, `_` and `-`), quoted otherwise.
    static func key(_ k: String) -> String {
        var first = true
        var ok = !k.isEmpty
        for b in k.utf8 where ok {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): ok = !first
            default: ok = false
            }
            first = false
        }
        return ok ? k : JSONText.quote(k)
    }

    // MARK: One value, all one way

    /// The entries of a map that is entirely created, deleted or shown, sorted by key, nulls
    /// left out, keys aligned.
    private func writeBlock(_ m: [String: Value], mark: Mark, indent: Int, topLevel: Bool, into out: inout String) {
        var entries: [(key: String, hcl: String, length: Int, value: Value)] = []
        entries.reserveCapacity(m.count)
        var width = 0
        for (k, v) in m where v != .null {
            let hcl = Self.key(k)
            width = max(width, Self.columns(hcl))
            entries.append((k, hcl, Self.paddedLength(hcl), v))
        }
        entries.sort { $0.key < $1.key }
        for e in entries {
            lineStart(indent, mark, into: &out)
            out += e.hcl
            Self.pad(width - e.length, into: &out)
            out += " = "
            writeWhole(e.value, mark: mark, indent: indent, topLevel: topLevel, suffix: "", into: &out)
        }
    }

    /// A value that is entirely created, deleted or shown, from its head (the rest of the line
    /// already begun) to the end of its last line; `suffix` ends that last line (a list
    /// element's comma). A deleted top-level value ends in `-> null` as in Terraform.
    private func writeWhole(_ v: Value, mark: Mark, indent: Int, topLevel: Bool, suffix: String, into out: inout String) {
        let null = topLevel && mark == .delete ? " -> null" : ""
        switch v {
        case .map(let m) where !m.isEmpty:
            out += "{\n"
            writeBlock(m, mark: mark, indent: indent + 4, topLevel: false, into: &out)
            closing(indent, "}", into: &out)
        case .list(let xs) where !xs.isEmpty:
            if writeOneLine(xs, into: &out) { break }
            out += "[\n"
            for x in xs {
                lineStart(indent + 4, mark, into: &out)
                writeWhole(x, mark: mark, indent: indent + 4, topLevel: false, suffix: ",", into: &out)
            }
            closing(indent, "]", into: &out)
        default:
            writeScalar(v, into: &out)
        }
        out += null
        out += suffix
        out += "\n"
    }

    /// `whole` as a head and a tail, for the entries of a changed block.
    private func whole(_ v: Value, mark: Mark, indent: Int, topLevel: Bool = false) -> Rendered {
        var text = ""
        writeWhole(v, mark: mark, indent: indent, topLevel: topLevel, suffix: "", into: &text)
        // The head is the first line: scalars are JSON-quoted, so only line ends are newlines.
        guard let nl = text.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return Rendered(mark: mark, head: text) }
        let head = String(text[..<nl])
        let tail = String(text[text.utf8.index(after: nl)...])
        return Rendered(mark: mark, head: head, tail: tail)
    }

    /// Short lists of plain scalars stay on one line (`["/bin/httpd", "-f"]`); false (and
    /// nothing written) when the list does not fit in 40 characters or holds containers.
    private func writeOneLine(_ xs: [Value], into out: inout String) -> Bool {
        var text = "["
        for (i, x) in xs.enumerated() {
            switch x {
            case .map, .list: return false
            default: break
            }
            if i > 0 { text += ", " }
            writeScalar(x, into: &text)
            // Quoted scalars take at least as many bytes as characters.
            if text.utf8.count > 40 && Self.columns(text) > 40 { return false }
        }
        text += "]"
        guard Self.columns(text) <= 40 else { return false }
        out += text
        return true
    }

    private func writeScalar(_ v: Value, into out: inout String) {
        switch v {
        case .map: out += v.isSensitive ? "(sensitive)" : "{}"
        case .list: out += v.isSensitive ? "(sensitive)" : "[]"
        case .string(let s): Value.writeString(s, into: &out)
        case .null: out += "null"
        default: out += ValueText.human(v)
        }
    }

    private func scalar(_ v: Value) -> String {
        var out = ""
        writeScalar(v, into: &out)
        return out
    }

    // MARK: Differences

    /// Lines of changed entries, keys aligned.
    private func block(_ entries: [(String, Rendered)], indent: Int, into out: inout String) {
        let keys = entries.map { Self.key($0.0) }
        let width = keys.map(Self.columns).max() ?? 0
        for (key, (_, r)) in zip(keys, entries) {
            lineStart(indent, r.mark, into: &out)
            keyPrefix(key, width: width, into: &out)
            out += r.head
            out += "\n"
            out += r.tail
        }
    }

    /// A list element of a change: its own marker, no key, a comma after the value.
    private func element(_ r: Rendered, indent: Int, into out: inout String) {
        lineStart(indent, r.mark, into: &out)
        out += r.head
        guard !r.tail.isEmpty else {
            out += ",\n"
            return
        }
        out += "\n"
        out += r.tail.dropLast()
        out += ",\n"
    }

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
            var tail = ""
            block(entries, indent: indent + 4, into: &tail)
            if hidden > 0 { comment(hidden, "attribute", indent: indent + 4, into: &tail) }
            closing(indent, "}\n", into: &tail)
            return [Rendered(mark: .update, head: "{", tail: tail)]
        case (.list(let x), .list(let y)) where !x.isEmpty || !y.isEmpty:
            var tail = ""
            listDiff(x, y, indent: indent + 4, into: &tail)
            closing(indent, "]\n", into: &tail)
            return [Rendered(mark: .update, head: "[", tail: tail)]
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
    private func listDiff(_ x: [Value], _ y: [Value], indent: Int, into out: inout String) {
        var hidden = 0
        func flushHidden() {
            if hidden > 0 { comment(hidden, "element", indent: indent, into: &out) }
            hidden = 0
        }
        func emit(_ rs: [Rendered]) {
            if rs.isEmpty { hidden += 1; return }
            flushHidden()
            for r in rs { element(r, indent: indent, into: &out) }
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
