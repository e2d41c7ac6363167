import Engine
import StackConfig

/// The plan document of cli.md ("Machine output"). `before`/`after` are attribute maps (null
/// for a create's before and a delete's after); sensitive values read `"(sensitive)"`, unknown
/// ones `"(known after apply)"`. Drift entries use the drift document's shape.
enum PlanJSON {
    static func render(_ plan: Plan) -> String {
        let changes = plan.changes.map { c in
            JSONText.object([
                ("address", JSONText.quote(c.address.description)),
                ("type", JSONText.quote(c.type)),
                ("action", JSONText.quote(c.action.rawValue)),
                ("before", c.before.map { JSONText.value(.map($0)) } ?? "null"),
                ("after", c.after.map { JSONText.value(.map($0)) } ?? "null"),
                ("changed_attributes", JSONText.strings(c.changedAttributes)),
                ("replace_because", JSONText.strings(c.replaceBecause)),
                ("create_before_destroy", c.createBeforeDestroy ? "true" : "false"),
                ("deposed", c.deposedID.map(JSONText.quote) ?? "null"),
            ])
        }
        let drift = plan.drift.map { d in
            JSONText.object([
                ("address", JSONText.quote(d.address.description)),
                ("status", JSONText.quote(d.kind == .deleted ? "DELETED" : "MODIFIED")),
                ("differences", DriftJSON.differences(d.differences)),
            ])
        }
        let s = plan.summary
        return JSONText.object([
            ("format_version", "1"),
            ("stack", JSONText.quote(plan.stack)),
            ("state_serial", plan.stateSerial.map(String.init) ?? "null"),
            ("changes", JSONText.array(changes)),
            ("drift", JSONText.array(drift)),
            ("summary", JSONText.object([("add", "\(s.add)"), ("change", "\(s.change)"), ("destroy", "\(s.destroy)")])),
        ])
    }
}
