import Foundation
import StackConfig

/// A small, fast JSON reader straight into `Value` for the state and plan files (Foundation's
/// JSONDecoder made loading a 10,000-resource state the slowest part of a plan). It reads the
/// tagged forms these files use: `{"$ecsform_sensitive": "hmac-sha256:..."}` becomes a hashed
/// sensitive value, `{"$ecsform_unknown": true}` an unknown one.
struct JSONReader {
    /// The file's bytes where `Data` holds them (valid for the one `parse` call): no copy of a
    /// multi-megabyte state, and reads without the bounds checks of an array (every read here
    /// is guarded by its own check of `i` against `count`).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private let path: String
    /// Members and elements being read, one buffer per nesting depth, reused from object to
    /// object: each map or list is then allocated once at its final size instead of growing
    /// (and rehashing) member by member.
    private var members: [[(String, Value)]] = []
    private var elements: [[Value]] = []

    struct Failure: Error { var message: String }

    static func parse(_ data: Data, path: String) throws -> Value {
        try data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self), path: path)
            reader.skipSpace()
            let v = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.i == reader.bytes.count else { throw reader.fail("unexpected text after the JSON value") }
            return v
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
    }

    private func fail(_ message: String) -> EngineError {
        var line = 1, column = 1
        for b in bytes[0..<min(i, bytes.count)] {
            if b == 10 { line += 1; column = 1 } else { column += 1 }
        }
        return EngineError("\(path):\(line):\(column): \(message)")
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 9 { i += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        for b in literal.utf8 {
            guard i < bytes.count, bytes[i] == b else { throw fail("expected \(literal)") }
            i += 1
        }
    }

    private mutating func value(depth: Int) throws -> Value {
        guard depth < 256 else { throw fail("nested too deeply") }
        guard i < bytes.count else { throw fail("unexpected end of file") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .map([:]) }
            if members.count <= depth { members.append(contentsOf: repeatElement([], count: depth + 1 - members.count)) }
            members[depth].removeAll(keepingCapacity: true)
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected :") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                members[depth].append((key, v))
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of file in an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected , or }")
            }
            // A repeated key keeps its last value, as assigning member by member did.
            var m = [String: Value](minimumCapacity: members[depth].count)
            for (key, value) in members[depth] { m[key] = value }
            if m.count == 1 {
                if case .string(let digest)? = m[StateV1.sensitiveKey] { return .sensitive(.string("\u{1}" + digest)) }
                if case .bool(true)? = m[StateV1.unknownKey] { return .unknown }
            }
            return .map(m)
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .list([]) }
            if elements.count <= depth { elements.append(contentsOf: repeatElement([], count: depth + 1 - elements.count)) }
            elements[depth].removeAll(keepingCapacity: true)
            while true {
                skipSpace()
                let v = try value(depth: depth + 1)
                elements[depth].append(v)
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of file in a list") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                throw fail("expected , or ]")
            }
            // A copy at its final size (the scratch buffer is kept for the next list).
            return .list(elements[depth].withUnsafeBufferPointer { Array($0) })
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default:
            return .number(try number())
        }
    }

    private mutating func number() throws -> Double {
        let start = i
        var digitsOnly = true  // after an optional leading minus
        while i < bytes.count {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                i += 1
            } else if b == 45 || b == 43 || b == 46 || b == 101 || b == 69 {
                if !(b == 45 && i == start) { digitsOnly = false }
                i += 1
            } else {
                break
            }
        }
        // Most numbers in state are small integers (ports, sizes, revisions): read them
        // directly; below 10^15 the double is exact, so it equals what `Double(text)` gives.
        let first = start < i && bytes[start] == 45 ? start + 1 : start
        if digitsOnly, first < i, i - first <= 15 {
            var v = 0
            for k in first..<i { v = v * 10 + Int(bytes[k] - 48) }
            if first == start { return Double(v) }
            if v != 0 { return -Double(v) }  // "-0" is -0.0: left to the general path
        }
        guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
            throw fail("expected a value")
        }
        return d
    }

    private mutating func string() throws -> String {
        i += 1  // opening quote
        var out = [UInt8]()
        var start = i
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                if out.isEmpty {
                    // No escapes: decode straight from the input (a buffer, not a slice: the
                    // contiguous fast path).
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                out.append(contentsOf: bytes[start..<i])
                i += 1
                break
            }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[start..<i])
                i += 1
                guard i < bytes.count else { throw fail("unterminated string") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "/"): out.append(47)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        try expect("\\u")
                        let low = try hex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw fail("invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("invalid escape \\\(Character(Unicode.Scalar(e)))")
                }
                start = i
                continue
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 97...102: d = UInt32(b - 87)
            case 65...70: d = UInt32(b - 55)
            default: throw fail("bad hex digit in \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
