import Foundation

/// A stable text form (sorted keys, integral numbers without `.0`), used to hash, compare and
/// interpolate values. Sensitive values print as `"(sensitive)"`, unknown as `"(known after apply)"`.
extension Value {
    public var canonicalJSON: String {
        var out = ""
        Value.writeJSON(self, into: &out)
        return out
    }

    /// `canonicalJSON`, appended to `out` (no string of its own per value).
    public func writeCanonicalJSON(into out: inout String) {
        Value.writeJSON(self, into: &out)
    }

    static func writeJSON(_ v: Value, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.isFinite ? Evaluator.formatNumber(n) : "null"
        case .string(let s): writeString(s, into: &out)
        case .list(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                writeJSON(x, into: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(k, into: &out)
                out += ":"
                writeJSON(m[k] ?? .null, into: &out)
            }
            out += "}"
        case .unknown: out += "\"(known after apply)\""
        case .sensitive: out += "\"(sensitive)\""
        case .template(let t):
            var text = ""
            for p in t.parts {
                switch p {
                case .literal(let s): text += s.replacingOccurrences(of: "${", with: "$${")
                case .sensitiveLiteral: text += "(sensitive)"
                case .reference(let r): text += "${\(r)}"
                }
            }
            writeString(text, into: &out)
        }
    }

    /// Appends `s` as a JSON string literal; shared by every on-disk JSON writer.
    public static func writeString(_ s: String, into out: inout String) {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
