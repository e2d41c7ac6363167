import Engine
import StackConfig

/// A plan as Terraform prints one: drift first ("Objects have changed outside of ecsform"),
/// then each change with attribute-level lines, then the summary.
struct PlanHuman: Sendable {
    let differ: Differ
    let style: Style

    func render(_ plan: Plan) -> String {
        var out = ""
        out.reserveCapacity(plan.actions.count * 1_600)
        if !plan.drift.isEmpty {
            out += style.bold("Objects have changed outside of ecsform") + "\n\n"
            out += "ecsform detected the following changes made outside of ecsform since the last apply:\n\n"
            for d in plan.drift {
                switch d.kind {
                case .deleted:
                    out += "  # \(d.address) has been deleted\n  \(style.red("-")) \(d.address)\n\n"
                case .modified:
                    out += "  # \(d.address) has changed\n  \(style.yellow("~")) \(d.address) {\n"
                    out += lines(d.differences.map { ("~", $0.path, "\(ValueText.human($0.before)) -> \(ValueText.human($0.after))") })
                    out += "    }\n\n"
                }
            }
        }
        let actions = plan.actions
        guard !actions.isEmpty else {
            out += "No changes. Your infrastructure matches the configuration.\n"
            return out
        }
        out += "ecsform will perform the following actions:\n\n"
        // A plan from empty is hundreds of thousands of lines: contiguous runs of changes are
        // rendered on all cores, each into its own text, joined in order.
        let (_, texts) = Parallel.mapChunks(actions, minimum: 64, state: { String() }) { c, text in
            change(c, into: &text)
        }
        for text in texts { out += text }
        let s = plan.summary
        out += style.bold("Plan:") + " \(s.add) to add, \(s.change) to change, \(s.destroy) to destroy.\n"
        return out
    }

    /// Appends one change: its header comment, its symbol line and its attribute lines.
    func change(_ c: ResourceChange, into out: inout String) {
        let header: String
        switch c.action {
        case .create: header = "will be created"
        case .update: header = "will be updated in-place"
        case .replace:
            if c.createBeforeDestroy {
                header = "must be replaced (\(c.replacementNoun ?? "replacement") created first, the old one destroyed after)"
            } else {
                header = "must be replaced"
            }
        case .delete: header = c.deposedID.map { "(deposed object \($0)) will be destroyed" } ?? "will be destroyed"
        case .noOp: header = "is unchanged"
        }
        let address = c.address.description
        out += "  # "
        out += address
        out += " "
        out += header
        out += "\n"
        let symbol = c.action == .replace && c.createBeforeDestroy
            ? style.green("+") + "/" + style.red("-") : style.symbol(c.action)
        if c.action != .replace { out += "  " }
        out += symbol
        out += " "
        out += address
        if let id = c.priorID, c.action != .create { out += " (id=\(id))" }
        out += " {\n"
        let text = AttributeText(differ: differ, style: style)
        switch c.action {
        case .create:
            text.object(c.after ?? [:], mark: .create, indent: 6, into: &out)
        case .delete:
            text.object(c.before ?? [:], mark: .delete, indent: 6, into: &out)
        case .update, .replace:
            let before = c.before ?? [:], after = c.after ?? [:]
            let unknown = after.filter { $0.value == .unknown && before[$0.key] != .unknown }.map(\.key)
            let keys = Array(Set(c.changedAttributes).union(unknown))
            text.changes(before: before, after: after, keys: keys, forcing: Set(c.replaceBecause), indent: 6, into: &out)
        case .noOp:
            break
        }
        out += "    }\n\n"
    }

    private func lines(_ rows: [(String, String, String)]) -> String {
        let width = rows.map(\.1.count).max() ?? 0
        var out = ""
        for (sym, path, text) in rows {
            let colored = sym == "+" ? style.green(sym) : sym == "-" ? style.red(sym) : style.yellow(sym)
            out += "      \(colored) \(path + String(repeating: " ", count: max(0, width - AttributeText.paddedLength(path)))) = \(text)\n"
        }
        return out
    }
}
