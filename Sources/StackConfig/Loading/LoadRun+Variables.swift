import YAML

extension LoadRun {
    /// A declared variable.
    struct VariableDeclaration {
        var name: String
        var type: String
        var sensitive: Bool
        var defaultValue: Node?
        var range: SourceRange
    }

    static let variableTypes = ["string", "number", "bool", "list", "map"]

    /// Reads the declarations and gives each its value: `--var` > `--var-file` >
    /// `ECSFORM_VAR_NAME` > default. Returns the resolved values (sensitive ones wrapped)
    /// and the names of every declared variable.
    mutating func resolveVariables(_ inputs: VariableInputs) -> ([String: Value], Set<String>) {
        let declarations = (sections["variables"] ?? []).compactMap { declareVariable($0) }
        let declared = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Set((sections["variables"] ?? []).map(\.name))

        var fromCLI: [String: String] = [:]
        for assignment in inputs.assignments {
            guard let eq = assignment.firstIndex(of: "=") else {
                diagnostics.error("--var \(assignment): expected NAME=VALUE, e.g. --var image_tag=1.4.0", at: nil)
                continue
            }
            let name = String(assignment[..<eq])
            guard names.contains(name) else {
                let hint = Suggestions.hint(for: name, in: names)
                diagnostics.error("--var \(assignment): the stack declares no variable `\(name)`\(hint)", at: nil)
                continue
            }
            fromCLI[name] = String(assignment[assignment.index(after: eq)...])
        }

        var fromFiles: [String: Node] = [:]
        for file in inputs.files {
            guard let root = parse(file, emptyIsError: false) else { continue }
            guard case .mapping(let pairs, _) = root else {
                diagnostics.error("a variables file must be a mapping of variable names to values, found \(root.kindDescription)", at: SourceRange(root.mark))
                continue
            }
            for pair in pairs {
                guard let key = pair.key.scalar else { continue }
                guard names.contains(key.value) else {
                    let hint = Suggestions.hint(for: key.value, in: names)
                    diagnostics.append(Diagnostic(.warning, "the stack declares no variable `\(key.value)`; this value is not used\(hint)", at: SourceRange(key.mark)))
                    continue
                }
                fromFiles[key.value] = pair.value
            }
        }

        var values: [String: Value] = [:]
        for decl in declarations {
            var value: Value?
            if let text = fromCLI[decl.name] {
                value = valueFromText(text, decl, origin: "--var \(decl.name)=\(decl.sensitive ? "(sensitive)" : text)")
            } else if let node = fromFiles[decl.name] {
                value = valueFromNode(node, decl)
            } else if let text = inputs.environment["ECSFORM_VAR_" + decl.name] {
                value = valueFromText(text, decl, origin: "environment variable ECSFORM_VAR_\(decl.name)")
            } else if let node = decl.defaultValue {
                value = valueFromNode(node, decl)
            } else {
                diagnostics.error(
                    "variable `\(decl.name)` is required but has no value; give it with --var \(decl.name)=VALUE, in a --var-file, with the environment variable ECSFORM_VAR_\(decl.name), or add a `default`",
                    at: decl.range)
            }
            if let v = value { values[decl.name] = decl.sensitive ? .sensitive(v) : v }
        }
        _ = declared
        return (values, names)
    }

    private mutating func declareVariable(_ d: Declaration) -> VariableDeclaration? {
        guard case .mapping(let pairs, _) = d.value else {
            diagnostics.error("variable `\(d.name)` must be a mapping like `{type: string, default: ...}`, found \(d.value.kindDescription)", at: SourceRange(d.value.mark))
            return nil
        }
        var type: String?
        var sensitive = false
        var defaultValue: Node?
        var ok = true
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            switch key.value {
            case "type":
                let t = pair.value.scalar.flatMap { s in s.style == .plain ? s.value : nil }
                if let t, Self.variableTypes.contains(t) {
                    type = t
                } else {
                    let shown = pair.value.scalarValue ?? ""
                    let hint = Suggestions.hint(for: shown, in: Self.variableTypes)
                    diagnostics.error("variable `type` must be one of `string`, `number`, `bool`, `list`, `map`, not `\(shown)`\(hint)", at: SourceRange(pair.value.mark))
                    ok = false
                }
            case "default":
                if case .scalar(let s) = pair.value, s.style == .plain, s.tag == nil, s.value.isEmpty || s.value == "null" || s.value == "~" { continue }
                defaultValue = pair.value
            case "description":
                if pair.value.scalar == nil {
                    diagnostics.error("variable `description` must be text", at: SourceRange(pair.value.mark))
                }
            case "sensitive":
                if case .scalar(let s) = pair.value, s.style == .plain, let b = (try? s.coreValue()).flatMap({ if case .bool(let b) = $0 { b } else { nil } }) {
                    sensitive = b
                } else {
                    diagnostics.error("variable `sensitive` must be `true` or `false`", at: SourceRange(pair.value.mark))
                }
            default:
                let hint = Suggestions.hint(for: key.value, in: ["type", "default", "description", "sensitive"])
                diagnostics.error("unknown key `\(key.value)` in variable\(hint)", at: SourceRange(key.mark))
            }
        }
        guard ok else { return nil }
        guard let type else {
            diagnostics.error("variable `\(d.name)` needs a `type`: string, number, bool, list or map", at: d.range)
            return nil
        }
        return VariableDeclaration(name: d.name, type: type, sensitive: sensitive, defaultValue: defaultValue, range: d.range)
    }

    /// A value given as text (`--var`, environment), read by the variable's type.
    private mutating func valueFromText(_ text: String, _ decl: VariableDeclaration, origin: String) -> Value? {
        switch decl.type {
        case "string":
            return .string(text)
        case "number":
            if let n = Double(text.trimmingSpaces()), n.isFinite { return .number(n) }
            diagnostics.error("\(origin): variable `\(decl.name)` is a number, and `\(decl.sensitive ? "(sensitive)" : text)` is not one", at: nil)
            return nil
        case "bool":
            switch text.trimmingSpaces() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                diagnostics.error("\(origin): variable `\(decl.name)` is a bool; write `true` or `false`", at: nil)
                return nil
            }
        default:
            let node: Node?
            do {
                node = try YAMLParser.parse(Array(text.utf8), file: origin, limits: limits)
            } catch {
                diagnostics.error("\(origin): variable `\(decl.name)` is a \(decl.type); write it as YAML flow, e.g. \(decl.type == "list" ? "[a, b]" : "{key: value}") (\(error.message))", at: nil)
                return nil
            }
            let wantList = decl.type == "list"
            guard let node, let v = try? Self.plainValue(node),
                  wantList ? v.listValue != nil : v.mapValue != nil else {
                diagnostics.error("\(origin): variable `\(decl.name)` is a \(decl.type); write it as YAML flow, e.g. \(wantList ? "[a, b]" : "{key: value}")", at: nil)
                return nil
            }
            return v
        }
    }

    /// A value written in YAML (default, variables file): must already have the declared type.
    private mutating func valueFromNode(_ node: Node, _ decl: VariableDeclaration) -> Value? {
        let value: Value
        do {
            value = try Self.plainValue(node)
        } catch {
            append(error)
            return nil
        }
        let fits: Bool
        switch (decl.type, value) {
        case ("string", .string), ("number", .number), ("bool", .bool), ("list", .list), ("map", .map): fits = true
        default: fits = false
        }
        guard fits else {
            var found: String
            switch value {
            case .string(let s): found = "the text `\(s)`"
                if decl.type == "number", Double(s) != nil { found += " (quoted numbers are text; remove the quotes)" }
            case .number(let n): found = "the number \(Evaluator.formatNumber(n))"
            case .bool(let b): found = "the boolean \(b)"
            case .list: found = "a list"
            case .map: found = "a mapping"
            default: found = "nothing"
            }
            if decl.sensitive { found = "a value of another type" }
            diagnostics.error("variable `\(decl.name)` is of type \(decl.type), but this value is \(found)", at: SourceRange(node.mark))
            return nil
        }
        return value
    }

    /// A node as a plain value, with no interpolation (variable values are taken literally).
    static func plainValue(_ node: Node) throws(YAMLError) -> Value {
        switch node {
        case .scalar(let s):
            switch try s.coreValue() {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .number(Double(i))
            case .float(let d): return .number(d)
            case .string(let t): return .string(t)
            }
        case .sequence(let items, _):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try plainValue(item)) }
            return .list(out)
        case .mapping(let pairs, _):
            var out: [String: Value] = [:]
            for pair in pairs {
                guard let key = pair.key.scalarValue else { continue }
                out[key] = try plainValue(pair.value)
            }
            return .map(out)
        }
    }
}
