import Foundation

/// A pull reader over JSON bytes, for decoding stored bodies without Codable: reading
/// thousands of bodies through JSONDecoder was most of the cost of a provider refresh.
/// Readers ask for what they expect (`string()`, `int()`, `object { key in ... }`) and skip
/// the rest; anything else (a wrong type, a malformed document) throws `Mismatch`, and the
/// caller falls back to JSONDecoder, which then decodes or reports the error as before.
struct JSONCursor {
    struct Mismatch: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    /// Runs `body` over a cursor on `data`, which must hold exactly one JSON value.
    static func read<T>(_ data: Data, _ body: (inout JSONCursor) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var c = JSONCursor(bytes: raw.bindMemory(to: UInt8.self))
            let v = try body(&c)
            c.space()
            guard c.i == c.bytes.count else { throw Mismatch() }
            return v
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func space() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 32 || b == 10 || b == 13 || b == 9 else { return }
            i += 1
        }
    }

    private mutating func peek() throws -> UInt8 {
        space()
        guard i < bytes.count else { throw Mismatch() }
        return bytes[i]
    }

    private mutating func literal(_ text: StaticString) throws {
        let n = text.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw Mismatch() }
        let p = text.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { throw Mismatch() }
        i += n
    }

    /// True (and consumed) when the next value is `null`.
    mutating func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Calls `body` with each key of an object; `body` must read or `skip()` the value.
    mutating func object(_ body: (inout JSONCursor, String) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "{") else { throw Mismatch() }
        i += 1
        if try peek() == UInt8(ascii: "}") { i += 1; return }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw Mismatch() }
            let key = try string()
            guard try peek() == UInt8(ascii: ":") else { throw Mismatch() }
            i += 1
            try body(&self, key)
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { return }
            throw Mismatch()
        }
    }

    /// Calls `body` for each element of an array; `body` must read or `skip()` it.
    mutating func array(_ body: (inout JSONCursor) throws -> Void) throws {
        guard try peek() == UInt8(ascii: "[") else { throw Mismatch() }
        i += 1
        if try peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            try body(&self)
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { return }
            throw Mismatch()
        }
    }

    /// The elements of an array, each read by `element`.
    mutating func list<T>(_ element: (inout JSONCursor) throws -> T) throws -> [T] {
        var out: [T] = []
        try array { c in out.append(try element(&c)) }
        return out
    }

    mutating func strings() throws -> [String] { try list { try $0.string() } }

    mutating func bool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw Mismatch()
        }
    }

    /// An integer written without fraction or exponent (as JSONEncoder writes an `Int`).
    mutating func int() throws -> Int {
        _ = try peek()
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let start = i
        var v = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] - 48))
            guard !o1, !o2 else { throw Mismatch() }
            v = s
            i += 1
        }
        guard i > start else { throw Mismatch() }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            throw Mismatch()
        }
        return negative ? -v : v
    }

    mutating func double() throws -> Double {
        _ = try peek()
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            guard (b >= 48 && b <= 57) || b == 45 || b == 43 || b == 46 || b == 101 || b == 69 else { break }
            i += 1
        }
        guard i > start, let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) else {
            throw Mismatch()
        }
        return d
    }

    /// A date as ECS JSON writes it: seconds since 1970.
    mutating func date() throws -> Date { Date(timeIntervalSince1970: try double()) }

    mutating func string() throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        i += 1
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if b < 0x20 { throw Mismatch() }
            i += 1
        }
        throw Mismatch()
    }

    private mutating func escapedString(from start: Int) throws -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else {
                guard b >= 0x20 else { throw Mismatch() }
                out.append(b)
                continue
            }
            guard i < bytes.count else { throw Mismatch() }
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
                    try literal("\\u")
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw Mismatch() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw Mismatch() }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw Mismatch()
            }
        }
        throw Mismatch()
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw Mismatch() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 97...102: d = UInt32(b - 87)
            case 65...70: d = UInt32(b - 55)
            default: throw Mismatch()
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// Skips one value of any kind.
    mutating func skip() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { c, _ in try c.skip() }
        case UInt8(ascii: "["): try array { try $0.skip() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try double()
        }
    }

    // Optional forms: JSON null (or, by the caller, an absent key) is nil, as Codable decodes.

    mutating func optionalString() throws -> String? { try null() ? nil : try string() }
    mutating func optionalInt() throws -> Int? { try null() ? nil : try int() }
    mutating func optionalBool() throws -> Bool? { try null() ? nil : try bool() }
    mutating func optionalDate() throws -> Date? { try null() ? nil : try date() }
    mutating func optionalStrings() throws -> [String]? { try null() ? nil : try strings() }
    mutating func optionalList<T>(_ element: (inout JSONCursor) throws -> T) throws -> [T]? {
        try null() ? nil : try list(element)
    }
}
