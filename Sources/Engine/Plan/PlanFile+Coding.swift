import Foundation
import StackConfig

extension PlanFile {
    /// The file's bytes (JSON, format_version 1). Sensitive values as keyed hashes.
    public func encoded(hasher: SensitiveHasher) -> Data {
        var out = "{\n  \"format_version\": \(PlanFile.formatVersion),\n"
        func field(_ name: String, _ value: String, last: Bool = false) {
            out += "  \"\(name)\": \(value)\(last ? "\n" : ",\n")"
        }
        func value(_ v: Value) -> String {
            var s = ""
            StateV1Writer.write(v, hasher: hasher, into: &s)
            return s
        }
        func strings(_ xs: [String]) -> String { "[" + xs.map(JSONText.quoted).joined(separator: ",") + "]" }
        field("stack", JSONText.quoted(stack))
        field("stack_directory", JSONText.quoted(stackDirectory))
        field("files", "[" + files.map { "{\"path\":\(JSONText.quoted($0.path)),\"sha256\":\"\($0.sha256)\"}" }.joined(separator: ",") + "]")
        field("variables", value(.map(variables)))
        field("sensitive_variables", strings(sensitiveVariables))
        field("variables_hash", JSONText.quoted(variablesDigest))
        field("state_lineage", stateLineage.map(JSONText.quoted) ?? "null")
        field("state_serial", stateSerial.map(String.init) ?? "null")
        field("destroy", destroy ? "true" : "false")
        field("targets", strings(targets.map(\.description)))
        var cs = "["
        for (i, c) in changes.enumerated() {
            cs += i == 0 ? "\n    " : ",\n    "
            cs += "{\"address\":\(JSONText.quoted(c.address.description)),\"action\":\"\(c.action.rawValue)\""
            cs += ",\"before\":" + (c.before.map { value(.map($0)) } ?? "null")
            cs += ",\"after\":" + (c.after.map { value(.map($0)) } ?? "null")
            cs += ",\"changed_attributes\":" + strings(c.changedAttributes)
            cs += ",\"replace_because\":" + strings(c.replaceBecause)
            cs += ",\"create_before_destroy\":\(c.createBeforeDestroy)"
            cs += ",\"replacement_noun\":" + (c.replacementNoun.map(JSONText.quoted) ?? "null")
            cs += ",\"prior_id\":" + (c.priorID.map(JSONText.quoted) ?? "null")
            cs += ",\"deposed_id\":" + (c.deposedID.map(JSONText.quoted) ?? "null")
            cs += ",\"dependencies\":" + strings(c.dependencies.map(\.description)) + "}"
        }
        cs += changes.isEmpty ? "]" : "\n  ]"
        field("changes", cs)
        var ds = "["
        for (i, d) in drift.enumerated() {
            ds += i == 0 ? "" : ","
            ds += "{\"address\":\(JSONText.quoted(d.address.description)),\"kind\":\"\(d.kind.rawValue)\",\"differences\":["
            ds += d.differences.map {
                "{\"path\":\(JSONText.quoted($0.path)),\"before\":\($0.before.map(value) ?? "null"),\"before_present\":\($0.before != nil),\"after\":\($0.after.map(value) ?? "null"),\"after_present\":\($0.after != nil)}"
            }.joined(separator: ",")
            ds += "]}"
        }
        field("drift", ds + "]", last: true)
        out += "}\n"
        return Data(out.utf8)
    }

    /// Reads a plan file; `path` is for messages.
    public static func decode(_ data: Data, path: String) throws -> PlanFile {
        let v: PlanFileV1
        do {
            v = try JSONDecoder().decode(PlanFileV1.self, from: data)
        } catch {
            throw EngineError("\(path): not an ecsform plan file (\(StateFile.describe(error)))")
        }
        guard v.format_version == PlanFile.formatVersion else {
            throw EngineError("\(path): plan format_version \(v.format_version) is not supported by this ecsform (it reads \(PlanFile.formatVersion))")
        }
        return PlanFile(v)
    }

    private init(_ v: PlanFileV1) {
        stack = v.stack
        stackDirectory = v.stack_directory
        files = v.files.map { FileDigest(path: $0.path, sha256: $0.sha256) }
        variables = v.variables.mapValues(\.value)
        sensitiveVariables = v.sensitive_variables
        variablesDigest = v.variables_hash
        stateLineage = v.state_lineage
        stateSerial = v.state_serial
        destroy = v.destroy
        targets = v.targets
        changes = v.changes.map { c in
            ResourceChange(address: c.address, action: c.action, before: c.before?.mapValues(\.value),
                           after: c.after?.mapValues(\.value), changedAttributes: c.changed_attributes,
                           replaceBecause: c.replace_because, createBeforeDestroy: c.create_before_destroy,
                           replacementNoun: c.replacement_noun, priorID: c.prior_id, deposedID: c.deposed_id,
                           dependencies: c.dependencies)
        }
        drift = v.drift.map { d in
            DriftedResource(address: d.address, kind: DriftedResource.Kind(rawValue: d.kind) ?? .modified,
                            differences: d.differences.map {
                                AttributeDifference(path: $0.path, before: $0.before_present ? $0.before.value : nil,
                                                    after: $0.after_present ? $0.after.value : nil)
                            })
        }
    }
}

/// Version 1 of the plan file, private to decoding.
private struct PlanFileV1: Decodable {
    struct File: Decodable { var path: String; var sha256: String }
    struct Change: Decodable {
        var address: ResourceAddress
        var action: Action
        var before: [String: JSONValueV1]?
        var after: [String: JSONValueV1]?
        var changed_attributes: [String]
        var replace_because: [String]
        var create_before_destroy: Bool
        var replacement_noun: String?
        var prior_id: String?
        var deposed_id: String?
        var dependencies: [ResourceAddress]
    }
    struct Drift: Decodable {
        struct Difference: Decodable {
            var path: String
            var before: JSONValueV1
            var before_present: Bool
            var after: JSONValueV1
            var after_present: Bool
        }
        var address: ResourceAddress
        var kind: String
        var differences: [Difference]
    }
    var format_version: Int
    var stack: String
    var stack_directory: String
    var files: [File]
    var variables: [String: JSONValueV1]
    var sensitive_variables: [String]
    var variables_hash: String
    var state_lineage: String?
    var state_serial: Int?
    var destroy: Bool
    var targets: [ResourceAddress]
    var changes: [Change]
    var drift: [Drift]
}
