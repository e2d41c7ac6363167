import Engine
import Foundation
import StackConfig

/// Progress lines while applying, in Terraform's words.
enum ApplyProgress {
    static func line(_ event: ApplyEvent) -> String {
        switch event {
        case .started(let a, let op, let id):
            let verb = switch op { case .create: "Creating..."; case .update: "Modifying..."; case .delete: "Destroying..." }
            return "\(a): \(verb)" + (id.map { " [id=\($0)]" } ?? "")
        case .stillRunning(let a, let op, let id, let elapsed):
            let verb = switch op { case .create: "creating"; case .update: "modifying"; case .delete: "destroying" }
            return "\(a): Still \(verb)... [" + (id.map { "id=\($0), " } ?? "") + "\(seconds(elapsed)) elapsed]"
        case .completed(let a, let op, let id, let elapsed):
            let noun = switch op { case .create: "Creation"; case .update: "Modifications"; case .delete: "Destruction" }
            return "\(a): \(noun) complete after \(seconds(elapsed)) [id=\(id)]"
        case .failed(let a, let op, let message, let elapsed):
            let noun = switch op { case .create: "Creation"; case .update: "Modification"; case .delete: "Destruction" }
            return "\(a): \(noun) failed after \(seconds(elapsed)): \(message)"
        }
    }

    /// Whole seconds, as Terraform prints them ("2s", "1m5s").
    static func seconds(_ d: Duration) -> String {
        let s = Int(d.components.seconds)
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}

/// The end of an apply or destroy: errors, the summary line, the outputs.
struct ApplySummary {
    let style: Style

    func render(_ result: ApplyResult, destroy: Bool) -> String {
        var out = "\n"
        for f in result.failures {
            out += style.red("Error: ") + "\(f.address): \(f.message)\n"
        }
        for (step, cause) in result.skipped.sorted(by: { $0.key < $1.key }) {
            out += "Skipped: \(step) (it depends on \(cause.address), which failed)\n"
        }
        if !result.succeeded { out += "\n" }
        let verb = result.succeeded ? (destroy ? "Destroy complete!" : "Apply complete!") : (destroy ? "Destroy failed." : "Apply failed.")
        if destroy {
            out += style.bold(style.green(verb)) + " Resources: \(result.destroyed) destroyed.\n"
        } else {
            out += style.bold(result.succeeded ? style.green(verb) : style.red(verb))
                + " Resources: \(result.added) added, \(result.changed) changed, \(result.destroyed) destroyed.\n"
        }
        if !destroy, !result.outputs.isEmpty {
            out += "\nOutputs:\n\n" + OutputHuman.render(result.outputs)
        }
        return out
    }
}

/// `apply --json`: one document summarising what happened.
///
/// ```json
/// {"format_version": 1, "stack": "shop", "success": true, "state_serial": 8,
///  "summary": {"added": 2, "changed": 1, "destroyed": 0},
///  "resources": [{"address": "service.web", "operation": "create", "status": "complete",
///                 "id": "...", "elapsed_seconds": 1.2, "message": null}],
///  "outputs": {"url": {"sensitive": false, "value": "..."}}}
/// ```
/// `status` is `complete`, `failed` or `skipped` (its dependency failed; `message` names it).
enum ApplyJSON {
    struct Step: Sendable {
        var address: ResourceAddress
        var operation: ApplyOperation
        var status: String
        var id: String?
        var elapsed: Duration?
        var message: String?
    }

    static func steps(events: [ApplyEvent], result: ApplyResult) -> [Step] {
        var steps: [Step] = []
        for e in events {
            switch e {
            case .completed(let a, let op, let id, let elapsed):
                steps.append(Step(address: a, operation: op, status: "complete", id: id, elapsed: elapsed))
            case .failed(let a, let op, let message, let elapsed):
                steps.append(Step(address: a, operation: op, status: "failed", elapsed: elapsed, message: message))
            default: break
            }
        }
        for (step, cause) in result.skipped {
            let op: ApplyOperation = { if case .destroy = step { return .delete } else { return .create } }()
            steps.append(Step(address: step.address, operation: op, status: "skipped",
                              message: "depends on \(cause.address), which failed"))
        }
        return steps.sorted { ($0.address, $0.operation.rawValue) < ($1.address, $1.operation.rawValue) }
    }

    static func render(stack: String, result: ApplyResult, events: [ApplyEvent]) -> String {
        let resources = steps(events: events, result: result).map { s in
            JSONText.object([
                ("address", JSONText.quote(s.address.description)),
                ("operation", JSONText.quote(s.operation.rawValue)),
                ("status", JSONText.quote(s.status)),
                ("id", s.id.map(JSONText.quote) ?? "null"),
                ("elapsed_seconds", s.elapsed.map { String(format: "%.3f", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) } ?? "null"),
                ("message", s.message.map(JSONText.quote) ?? "null"),
            ])
        }
        return JSONText.object([
            ("format_version", "1"),
            ("stack", JSONText.quote(stack)),
            ("success", result.succeeded ? "true" : "false"),
            ("state_serial", "\(result.state.serial)"),
            ("summary", JSONText.object([("added", "\(result.added)"), ("changed", "\(result.changed)"),
                                         ("destroyed", "\(result.destroyed)")])),
            ("resources", JSONText.array(resources)),
            ("outputs", OutputJSON.render(result.outputs)),
        ])
    }
}
