import Engine
import StackConfig

/// Outputs as `name = value`, sensitive ones as `(sensitive)`.
enum OutputHuman {
    static func render(_ outputs: [String: OutputState]) -> String {
        outputs.keys.sorted().map { name in
            let o = outputs[name]
            return "\(name) = \(o?.sensitive == true ? "(sensitive)" : ValueText.human(o?.value))\n"
        }.joined()
    }

    static func value(_ o: OutputState) -> String {
        if o.sensitive { return "(sensitive)" }
        if case .string(let s)? = Optional(o.value) { return s }
        return ValueText.human(o.value)
    }
}

/// Terraform-like `{"name": {"sensitive": true, "value": ...}}`. State holds only a keyed hash
/// of a sensitive output, so its value is `null`.
enum OutputJSON {
    static func render(_ outputs: [String: OutputState]) -> String {
        JSONText.object(outputs.keys.sorted().compactMap { name in
            guard let o = outputs[name] else { return nil }
            return (name, entry(o))
        })
    }

    static func entry(_ o: OutputState) -> String {
        JSONText.object([("sensitive", o.sensitive ? "true" : "false"),
                         ("value", o.sensitive ? "null" : JSONText.value(o.value))])
    }
}
