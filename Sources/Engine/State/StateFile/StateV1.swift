import Foundation
import StackConfig

/// Version 1 of the state file, read into `State`.
enum StateV1 {
    static let sensitiveKey = "$ecsform_sensitive"
    /// Only in plan files: a value known after apply.
    static let unknownKey = "$ecsform_unknown"

    static func decode(_ top: [String: Value], path: String) throws -> State {
        func damaged(_ what: String) -> EngineError {
            EngineError("\(path): the state file is damaged (\(what)); restore it from \(path).backup")
        }
        guard let serial = top["serial"]?.intValue else { throw damaged("no serial") }
        guard let lineage = top["lineage"]?.stringValue else { throw damaged("no lineage") }
        guard let stack = top["stack"]?.stringValue else { throw damaged("no stack") }
        guard let list = top["resources"]?.listValue else { throw damaged("no resources list") }
        // The place is only spelled out for a message.
        func address(_ v: Value?, _ where_: @autoclosure () -> String) throws -> ResourceAddress {
            guard let text = v?.stringValue, let a = ResourceAddress(parsing: text) else {
                throw damaged("\(where_()): not a resource address")
            }
            return a
        }
        var resources: [ResourceAddress: ResourceState] = [:]
        resources.reserveCapacity(list.count)
        for (n, item) in list.enumerated() {
            guard case .map(let r) = item else { throw damaged("resources[\(n)] is not an object") }
            let a = try address(r["address"], "resources[\(n)].address")
            guard r["type"]?.stringValue == a.type else {
                throw EngineError("\(path): resource \(a) has type \(r["type"]?.stringValue ?? "(none)"), which does not match its address")
            }
            guard let id = r["id"]?.stringValue else { throw damaged("\(a) has no id") }
            guard case .map(let attrs)? = r["attributes"] else { throw damaged("\(a) has no attributes") }
            var deps: [ResourceAddress] = []
            for (k, d) in (r["dependencies"]?.listValue ?? []).enumerated() {
                deps.append(try address(d, "\(a).dependencies[\(k)]"))
            }
            guard resources[a] == nil else { throw EngineError("\(path): resource \(a) appears twice") }
            // Optional (states written before it have none); anything but a string is dropped,
            // which only costs the next read its shortcut.
            resources[a] = ResourceState(address: a, id: id, attributes: attrs, dependencies: deps,
                                         privateData: r["private"]?.stringValue)
        }
        var outputs: [String: OutputState] = [:]
        for (name, o) in top["outputs"]?.mapValue ?? [:] {
            guard case .map(let m) = o else { throw damaged("output \(name) is not an object") }
            outputs[name] = OutputState(value: m["value"] ?? .null, sensitive: m["sensitive"]?.boolValue ?? false)
        }
        var deposed: [DeposedObject] = []
        for (n, item) in (top["deposed"]?.listValue ?? []).enumerated() {
            guard case .map(let d) = item, let id = d["id"]?.stringValue, case .map(let attrs)? = d["attributes"] else {
                throw damaged("deposed[\(n)] is incomplete")
            }
            deposed.append(DeposedObject(address: try address(d["address"], "deposed[\(n)].address"), id: id, attributes: attrs))
        }
        return State(lineage: lineage, serial: serial, stack: stack, resources: resources, outputs: outputs, deposed: deposed)
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
        var cache = StateEncodingCache()
        return encode(state, hasher: hasher, cache: &cache)
    }

    /// As `encode`, reusing from `cache` the line of every resource unchanged since the
    /// cache last saw it (the cache must always be used with the same hasher).
    static func encode(_ state: State, hasher: SensitiveHasher, cache: inout StateEncodingCache) -> Data {
        var out = ""
        encode(state, hasher: hasher, cache: &cache, into: &out)
        return Data(out.utf8)
    }

    /// As `encode(_:hasher:cache:)`, replacing the contents of `out`. A writer that keeps one
    /// `out` for every write reuses its capacity: a multi-megabyte state is then not written
    /// into freshly mapped (page-faulting) memory each time.
    static func encode(_ state: State, hasher: SensitiveHasher, cache: inout StateEncodingCache, into out: inout String) {
        let lines = cache.lines(for: state) { r, previous in
            if let previous { resourceLine(r, reusing: previous, hasher: hasher) } else { resourceLine(r, hasher: hasher) }
        }
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(lines.reduce(4096) { $0 + $1.utf8.count + 6 })
        out += "{\n"
        out += "  \"format_version\": 1,\n"
        out += "  \"serial\": \(state.serial),\n"
        out += "  \"lineage\": "; JSONText.writeString(state.lineage, into: &out); out += ",\n"
        out += "  \"stack\": "; JSONText.writeString(state.stack, into: &out); out += ",\n"
        out += "  \"resources\": ["
        for (i, line) in lines.enumerated() {
            out += i == 0 ? "\n    " : ",\n    "
            out += line
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
    }

    /// One resource's object, on one line.
    static func resourceLine(_ r: ResourceState, hasher: SensitiveHasher) -> String {
        var out = "{\"address\": "; JSONText.writeString(r.address.description, into: &out)
        out += ", \"type\": "; JSONText.writeString(r.type, into: &out)
        out += ", \"id\": "; JSONText.writeString(r.id, into: &out)
        out += ", \"dependencies\": ["
        out += r.dependencies.map { "\"\($0)\"" }.joined(separator: ", ")
        out += "], \"attributes\": "
        write(.map(r.attributes), hasher: hasher, into: &out)
        if let p = r.privateData {
            out += ", \"private\": "; JSONText.writeString(p, into: &out)
        }
        out += "}"
        return out
    }

    /// As `resourceLine(_:hasher:)`, from the line of `previous.resource`: a resource that
    /// only gained its private data (what an apply records last, for every resource it made)
    /// is its old line with the member added, without encoding its attributes again.
    static func resourceLine(_ r: ResourceState, reusing previous: (resource: ResourceState, line: String),
                             hasher: SensitiveHasher) -> String {
        guard let p = r.privateData, previous.resource.privateData == nil, previous.line.hasSuffix("}") else {
            return resourceLine(r, hasher: hasher)
        }
        var bare = r
        bare.privateData = nil
        guard bare == previous.resource else { return resourceLine(r, hasher: hasher) }
        // Byte-wise: the line is ASCII-delimited JSON, so dropping its last byte is exact and
        // a copy rather than a walk over its characters.
        guard var out = String(previous.line.utf8.dropLast()) else { return resourceLine(r, hasher: hasher) }
        out += ", \"private\": "; JSONText.writeString(p, into: &out)
        out += "}"
        return out
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
            for (i, (k, x)) in m.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out += "," }
                JSONText.writeString(k, into: &out)
                out += ":"
                write(x, hasher: hasher, into: &out)
            }
            out += "}"
        case .unknown:
            out += "{\"\(StateV1.unknownKey)\": true}"  // only plans hold unknowns
        case .template:
            out += "null"  // never stored; null rather than a half-resolved template
        default:
            v.writeCanonicalJSON(into: &out)  // scalars, straight into `out`
        }
    }
}
