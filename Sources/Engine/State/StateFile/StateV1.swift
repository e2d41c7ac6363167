import Foundation
import StackConfig

/// Version 1 of the state file: private Codable shapes, decoded into `State`.
struct StateV1: Decodable {
    var format_version: Int
    var serial: Int
    var lineage: String
    var stack: String
    var resources: [ResourceV1]
    var outputs: [String: OutputV1]?
    var deposed: [DeposedV1]?

    struct ResourceV1: Decodable {
        var address: ResourceAddress
        var type: String
        var id: String
        var attributes: [String: JSONValueV1]
        var dependencies: [ResourceAddress]?
    }
    struct DeposedV1: Decodable {
        var address: ResourceAddress
        var id: String
        var attributes: [String: JSONValueV1]
    }
    struct OutputV1: Decodable {
        var value: JSONValueV1
        var sensitive: Bool
    }

    static let sensitiveKey = "$ecsform_sensitive"
    /// Only in plan files: a value known after apply.
    static let unknownKey = "$ecsform_unknown"

    static func decode(_ data: Data, path: String) throws -> State {
        let file: StateV1
        do {
            file = try JSONDecoder().decode(StateV1.self, from: data)
        } catch {
            throw EngineError("\(path): the state file is damaged (\(StateFile.describe(error))); restore it from \(path).backup")
        }
        var resources: [ResourceAddress: ResourceState] = [:]
        resources.reserveCapacity(file.resources.count)
        for r in file.resources {
            guard r.type == r.address.type else {
                throw EngineError("\(path): resource \(r.address) has type \(r.type), which does not match its address")
            }
            guard resources[r.address] == nil else {
                throw EngineError("\(path): resource \(r.address) appears twice")
            }
            resources[r.address] = ResourceState(
                address: r.address, id: r.id,
                attributes: r.attributes.mapValues(\.value),
                dependencies: r.dependencies ?? [])
        }
        return State(lineage: file.lineage, serial: file.serial, stack: file.stack, resources: resources,
                     outputs: (file.outputs ?? [:]).mapValues { OutputState(value: $0.value.value, sensitive: $0.sensitive) },
                     deposed: (file.deposed ?? []).map {
                         DeposedObject(address: $0.address, id: $0.id, attributes: $0.attributes.mapValues(\.value))
                     })
    }
}

/// A JSON value as stored in a v1 state file; `{"$ecsform_sensitive": "hmac-sha256:..."}` is a hashed secret.
struct JSONValueV1: Decodable {
    var value: Value

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { value = .null; return }
        if let b = try? c.decode(Bool.self) { value = .bool(b); return }
        if let n = try? c.decode(Double.self) { value = .number(n); return }
        if let s = try? c.decode(String.self) { value = .string(s); return }
        if let xs = try? c.decode([JSONValueV1].self) { value = .list(xs.map(\.value)); return }
        let m = try c.decode([String: JSONValueV1].self)
        if m.count == 1, case .string(let digest)? = m[StateV1.sensitiveKey]?.value {
            value = .sensitive(.string("\u{1}" + digest))
        } else if m.count == 1, case .bool(true)? = m[StateV1.unknownKey]?.value {
            value = .unknown
        } else {
            value = .map(m.mapValues(\.value))
        }
    }
}

/// Writes version 1 by hand: one line per resource, keys sorted, so the file diffs well
/// and a 10,000-resource state is written in milliseconds.
enum StateV1Writer {
    static func encode(_ state: State, hasher: SensitiveHasher) -> Data {
        var out = "{\n"
        out += "  \"format_version\": 1,\n"
        out += "  \"serial\": \(state.serial),\n"
        out += "  \"lineage\": "; JSONText.writeString(state.lineage, into: &out); out += ",\n"
        out += "  \"stack\": "; JSONText.writeString(state.stack, into: &out); out += ",\n"
        out += "  \"resources\": ["
        for (i, r) in state.sortedResources.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += "{\"address\": "; JSONText.writeString(r.address.description, into: &out)
            out += ", \"type\": "; JSONText.writeString(r.type, into: &out)
            out += ", \"id\": "; JSONText.writeString(r.id, into: &out)
            out += ", \"dependencies\": ["
            out += r.dependencies.map { "\"\($0)\"" }.joined(separator: ", ")
            out += "], \"attributes\": "
            write(.map(r.attributes), hasher: hasher, into: &out)
            out += "}"
        }
        out += state.resources.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"deposed\": ["
        for (j, d) in state.deposed.enumerated() {
            out += j == 0 ? "\n    " : ",\n    "
            out += "{\"address\": "; JSONText.writeString(d.address.description, into: &out)
            out += ", \"id\": "; JSONText.writeString(d.id, into: &out)
            out += ", \"attributes\": "; write(.map(d.attributes), hasher: hasher, into: &out)
            out += "}"
        }
        out += state.deposed.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"outputs\": {"
        for (i, name) in state.outputs.keys.sorted().enumerated() {
            guard let o = state.outputs[name] else { continue }
            out += i == 0 ? "\n    " : ",\n    "
            JSONText.writeString(name, into: &out)
            out += ": {\"sensitive\": \(o.sensitive), \"value\": "
            write(o.sensitive ? .sensitive(o.value) : o.value, hasher: hasher, into: &out)
            out += "}"
        }
        out += state.outputs.isEmpty ? "}\n}\n" : "\n  }\n}\n"
        return Data(out.utf8)
    }

    static func write(_ v: Value, hasher: SensitiveHasher, into out: inout String) {
        switch v {
        case .sensitive(let inner):
            var digest = hasher.digest(inner)
            digest.removeFirst()  // the \u{1} tag; the key name marks it on disk
            out += "{\"\(StateV1.sensitiveKey)\": "
            JSONText.writeString(digest, into: &out)
            out += "}"
        case .list(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                write(x, hasher: hasher, into: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSONText.writeString(k, into: &out)
                out += ":"
                write(m[k] ?? .null, hasher: hasher, into: &out)
            }
            out += "}"
        case .unknown:
            out += "{\"\(StateV1.unknownKey)\": true}"  // only plans hold unknowns
        case .template:
            out += "null"  // never stored; null rather than a half-resolved template
        default:
            out += v.canonicalJSON
        }
    }
}
