import Engine
import StackConfig

/// `show` (no plan) and `state show`: resources with their attributes, secrets hidden.
enum StateHuman {
    static func resource(_ r: ResourceState) -> String {
        var out = "# \(r.address):\n\(r.address) {\n"
        var attributes = r.attributes
        attributes["id"] = .string(r.id)
        let text = AttributeText(differ: nil, style: Style(color: false))
        text.object(attributes, mark: .none, indent: 2, into: &out)
        if !r.dependencies.isEmpty {
            out += "    # depends on: \(r.dependencies.map(\.description).joined(separator: ", "))\n"
        }
        return out + "}\n"
    }

    static func state(_ s: State) -> String {
        var out = s.sortedResources.map(resource).joined(separator: "\n")
        for d in s.deposed { out += "\n# \(d.address) (deposed object \(d.id), to be deleted)\n" }
        if !s.outputs.isEmpty { out += "\nOutputs:\n\n" + OutputHuman.render(s.outputs) }
        return out.isEmpty ? "The state is empty. No resources are managed.\n" : out
    }
}

/// `show --json` without a plan: the state with secrets as `"(sensitive)"`.
enum StateJSON {
    static func render(_ s: State) -> String {
        JSONText.object([
            ("format_version", "1"),
            ("serial", "\(s.serial)"),
            ("lineage", JSONText.quote(s.lineage)),
            ("stack", JSONText.quote(s.stack)),
            ("resources", JSONText.array(s.sortedResources.map { r in
                JSONText.object([
                    ("address", JSONText.quote(r.address.description)),
                    ("type", JSONText.quote(r.type)),
                    ("id", JSONText.quote(r.id)),
                    ("attributes", JSONText.value(.map(r.attributes))),
                    ("dependencies", JSONText.strings(r.dependencies.map(\.description))),
                ])
            })),
            ("outputs", OutputJSON.render(s.outputs)),
        ])
    }
}

/// `graph`: the dependency graph in Graphviz DOT (edges from a resource to what it needs).
enum GraphDOT {
    static func render(_ stack: Stack) -> String {
        var out = "digraph \(JSONText.quote(stack.name)) {\n  rankdir = \"RL\";\n  node [shape = box];\n"
        for n in stack.graph.nodes { out += "  \(JSONText.quote(n.description));\n" }
        for n in stack.graph.nodes {
            for d in stack.graph.dependencies(of: n) {
                out += "  \(JSONText.quote(n.description)) -> \(JSONText.quote(d.description));\n"
            }
        }
        return out + "}\n"
    }
}
