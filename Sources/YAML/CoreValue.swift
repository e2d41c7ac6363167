/// What a scalar means under the YAML 1.2 core schema, so the layer above can tell the number
/// `8080` from the string `"8080"` and only `true`/`false` from YAML 1.1's `yes`/`on`.
public enum CoreValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

extension Node.Scalar {
    /// Resolves this scalar with the YAML 1.2 core schema.
    ///
    /// Only *plain* untagged scalars are typed by their text; quoted and block scalars are
    /// strings. For plain text:
    /// - null: `null`, `~`, or empty;
    /// - bool: `true` or `false` only — `True`, `yes`, `no`, `on`, `off` are strings (stricter
    ///   than the core schema's `True`/`TRUE`, so one spelling means one thing);
    /// - int: `[-+]?[0-9]+`, `0x[0-9a-fA-F]+`, `0o[0-7]+`;
    /// - float: `[-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan` (any of
    ///   the core spellings `.inf`/`.Inf`/`.INF`);
    /// - anything else: string.
    ///
    /// An explicit tag (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) decides the type instead,
    /// and the text must fit it (`!!float 3` is 3.0).
    /// - Throws: when a tagged scalar's text doesn't fit its tag, or an int doesn't fit in `Int`.
    public func coreValue() throws(YAMLError) -> CoreValue {
        switch tag {
        case nil:
            return style == .plain ? try Self.resolvePlain(value, mark: mark) : .string(value)
        case "!!str":
            return .string(value)
        case "!!null":
            guard Self.isNull(value) else { throw mismatch("null", "`null`, `~` or nothing") }
            return .null
        case "!!bool":
            guard let b = Self.bool(value) else { throw mismatch("bool", "`true` or `false`") }
            return .bool(b)
        case "!!int":
            guard Self.intSyntax(value) != nil else { throw mismatch("int", "a whole number like 42, 0x2A or 0o52") }
            return .int(try Self.int(value, mark: mark))
        case "!!float":
            if let d = Self.float(value) { return .float(d) }
            if let radix = Self.intSyntax(value), let i = Self.parseInt(value, radix: radix) { return .float(Double(i)) }
            throw mismatch("float", "a number like 1.5, 1e3, .inf or .nan")
        case let other?:
            throw YAMLError(mark: mark, message: "unknown tag `\(other)`; remove the tag")
        }
    }

    private func mismatch(_ type: String, _ expected: String) -> YAMLError {
        YAMLError(mark: mark, message: "`\(value)` is tagged !!\(type) but is not one; write \(expected), or drop the tag")
    }

    static func resolvePlain(_ text: String, mark: Mark) throws(YAMLError) -> CoreValue {
        // Most plain scalars are words: one look at the first byte rules out every other type
        // (null, bool, int and float all start with one of `~ n t f + - . 0-9`, or are empty).
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "f"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string(text)
        }
        if isNull(text) { return .null }
        if let b = bool(text) { return .bool(b) }
        if intSyntax(text) != nil { return .int(try int(text, mark: mark)) }
        if let d = float(text) { return .float(d) }
        return .string(text)
    }

    static func isNull(_ t: String) -> Bool {
        t.isEmpty || t == "~" || t == "null"
    }

    static func bool(_ t: String) -> Bool? {
        switch t {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// Runs `body` over the text's UTF-8 bytes without copying them.
    private static func withBytes<R>(_ t: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = t.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(t.utf8).withUnsafeBufferPointer(body)
    }

    /// The radix if `t` is core-schema int syntax (10, 16 for `0x`, 8 for `0o`).
    static func intSyntax(_ t: String) -> Int? {
        withBytes(t) { u in
            if u.count > 2, u[0] == 0x30, u[1] == 0x78 {  // 0x
                return u[2...].allSatisfy(isHex) ? 16 : nil
            }
            if u.count > 2, u[0] == 0x30, u[1] == 0x6F {  // 0o
                return u[2...].allSatisfy { $0 >= 0x30 && $0 <= 0x37 } ? 8 : nil
            }
            var digits = u[...]
            if let f = digits.first, f == 0x2B || f == 0x2D { digits = digits.dropFirst() }
            return !digits.isEmpty && digits.allSatisfy(isDigit) ? 10 : nil
        }
    }

    static func int(_ t: String, mark: Mark) throws(YAMLError) -> Int {
        guard let radix = intSyntax(t), let i = parseInt(t, radix: radix) else {
            throw YAMLError(mark: mark, message: "integer `\(t)` is out of range (\(Int.min) to \(Int.max)); quote it if it is meant as text")
        }
        return i
    }

    static func parseInt(_ t: String, radix: Int) -> Int? {
        radix == 10 ? Int(t) : Int(t.dropFirst(2), radix: radix)
    }

    static func float(_ t: String) -> Double? {
        enum Form { case notFloat, infinity(negative: Bool), nan, number }
        let form: Form = withBytes(t) { all in
            var u = all[...]
            var negative = false
            if let f = u.first, f == 0x2B || f == 0x2D {
                negative = f == 0x2D
                u = u.dropFirst()
            }
            if u.count == 4, u[u.startIndex] == 0x2E {
                let w = (u[u.startIndex + 1], u[u.startIndex + 2], u[u.startIndex + 3])
                // .inf .Inf .INF; .nan .NaN .NAN (and .nan only unsigned)
                if w == (0x69, 0x6E, 0x66) || w == (0x49, 0x6E, 0x66) || w == (0x49, 0x4E, 0x46) {
                    return .infinity(negative: negative)
                }
                if w == (0x6E, 0x61, 0x6E) || w == (0x4E, 0x61, 0x4E) || w == (0x4E, 0x41, 0x4E) {
                    return u.count == all.count ? .nan : .notFloat
                }
            }
            // [0-9]* ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?, with at least one mantissa digit.
            var i = u.startIndex
            var mantissaDigits = 0
            while i < u.endIndex, isDigit(u[i]) { i += 1; mantissaDigits += 1 }
            if i < u.endIndex, u[i] == 0x2E {
                i += 1
                while i < u.endIndex, isDigit(u[i]) { i += 1; mantissaDigits += 1 }
            }
            guard mantissaDigits > 0 else { return .notFloat }
            if i < u.endIndex, u[i] == 0x65 || u[i] == 0x45 {
                i += 1
                if i < u.endIndex, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
                let expStart = i
                while i < u.endIndex, isDigit(u[i]) { i += 1 }
                guard i > expStart else { return .notFloat }
            }
            return i == u.endIndex ? .number : .notFloat
        }
        switch form {
        case .notFloat: return nil
        case .infinity(let negative): return negative ? -.infinity : .infinity
        case .nan: return .nan
        case .number: return Double(t)
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46) }
}
