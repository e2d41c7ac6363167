import Engine
import StackConfig

/// A plan as Terraform prints one: drift first ("Objects have changed outside of ecsform"),
/// then each change with attribute-level lines, then the summary.
struct PlanHuman {
    let differ: Differ
    let style: Style

    func render(_ plan: Plan) -> String {
        var out = ""
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
        for c in actions { out += change(c) }
        let s = plan.summary
        out += style.bold("Plan:") + " \(s.add) to add, \(s.change) to change, \(s.destroy) to destroy.\n"
        return out
    }

    func change(_ c: ResourceChange) -> String {
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
        var out = "  # \(c.address) \(header)\n"
        let symbol = c.action == .replace && c.createBeforeDestroy
            ? style.green("+") + "/" + style.red("-") : style.symbol(c.action)
        out += (c.action == .replace ? "" : "  ") + "\(symbol) \(c.address)"
        if let id = c.priorID, c.action != .create { out += " (id=\(id))" }
        out += " {\n"
        let text = AttributeText(differ: differ, style: style)
        var body: [String] = []
        switch c.action {
        case .create:
            body = text.object(c.after ?? [:], mark: .create, indent: 6)
        case .delete:
            body = text.object(c.before ?? [:], mark: .delete, indent: 6)
        case .update, .replace:
            let before = c.before ?? [:], after = c.after ?? [:]
            let unknown = after.filter { $0.value == .unknown && before[$0.key] != .unknown }.map(\.key)
            let keys = Array(Set(c.changedAttributes).union(unknown))
            body = text.changes(before: before, after: after, keys: keys, forcing: Set(c.replaceBecause), indent: 6)
        case .noOp:
            break
        }
        out += body.map { $0 + "\n" }.joined()
        out += "    }\n\n"
        return out
    }

    private func lines(_ rows: [(String, String, String)]) -> String {
        let width = rows.map(\.1.count).max() ?? 0
        var out = ""
        for (sym, path, text) in rows {
            let colored = sym == "+" ? style.green(sym) : sym == "-" ? style.red(sym) : style.yellow(sym)
            out += "      \(colored) \(path.padding(toLength: width, withPad: " ", startingAt: 0)) = \(text)\n"
        }
        return out
    }
}
