import YAML

extension LoadRun {
    mutating func decodeOutputs(_ decoder: inout NodeDecoder) -> [DecodedOutput] {
        var out: [DecodedOutput] = []
        for decl in sections["outputs"] ?? [] {
            decoder.begin()
            guard case .mapping(let pairs, let mark) = decl.value else {
                decoder.diagnostics.error("output `\(decl.name)` must be a mapping like `{value: ...}`, found \(decl.value.kindDescription)", at: SourceRange(decl.value.mark))
                continue
            }
            let (values, ok) = decoder.decodeObject(pairs, Schemas.output, path: "", at: mark, owner: decl.key.mark)
            guard ok, let value = values["value"] else { continue }
            let sensitive = values["sensitive"]?.boolValue ?? false
            let config = OutputConfig(
                name: decl.name,
                value: sensitive && !value.isSensitive ? .sensitive(value) : value,
                description: values["description"]?.stringValue,
                sensitive: sensitive,
                dependencies: Array(Set(decoder.references.map(\.address))).sorted(),
                range: decl.range)
            out.append(DecodedOutput(config: config, references: decoder.references,
                                     valueRange: decoder.ranges.range(of: "value") ?? decl.range,
                                     holdsSensitive: value.isSensitive))
        }
        return out
    }

    /// References in outputs must be good, and an output computed from a sensitive value
    /// must say `sensitive: true`.
    mutating func checkOutputs(_ outputs: [DecodedOutput], resources: [DecodedResource], index: [ResourceAddress: Int]) {
        let namesByType = Self.namesByType(resources)
        for output in outputs {
            var sensitiveSource: String?
            if output.holdsSensitive { sensitiveSource = "a sensitive variable" }
            for ref in output.references where checkReference(ref, index: index, namesByType: namesByType) {
                if sensitiveSource == nil, Self.isSensitive(ref, resources: resources, index: index, depth: 0) {
                    sensitiveSource = "`\(ref)`, which is sensitive"
                }
            }
            if let source = sensitiveSource, !output.config.sensitive {
                diagnostics.error("output `\(output.config.name)` is computed from \(source); add `sensitive: true` to the output", at: output.valueRange)
            }
        }
    }

    /// Whether a referenced attribute holds a sensitive value, following references a few levels.
    static func isSensitive(_ ref: Reference, resources: [DecodedResource], index: [ResourceAddress: Int], depth: Int) -> Bool {
        guard depth < 16, let i = index[ref.address] else { return false }
        let r = resources[i]
        guard let value = r.config.value[path: ref.path] else { return false }
        if value.isSensitive { return true }
        return Self.templates(in: value).contains { t in
            t.references.contains { isSensitive($0, resources: resources, index: index, depth: depth + 1) }
        }
    }

    static func templates(in value: Value) -> [Template] {
        switch value {
        case .template(let t): return [t]
        case .list(let xs): return xs.flatMap(templates)
        case .map(let m): return m.values.flatMap(templates)
        case .sensitive(let v): return templates(in: v)
        default: return []
        }
    }
}
