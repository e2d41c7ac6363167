/// Splits a string into literal text and `${...}` expressions. `$${` is a literal `${`.
/// Positions are given as the ordinal of the `$` character in the string, so the loader can
/// find the same `$` in the raw source whatever quoting the scalar used.
public enum Interpolation {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        /// The text between `${` and `}` (trimmed), and which `$` of the string opened it.
        case expression(String, dollarOrdinal: Int)
    }

    public struct Failure: Error, Sendable, Hashable {
        public var message: String
        public var dollarOrdinal: Int
    }

    /// Whether `text` needs parsing at all (cheap check for the common case).
    public static func mightContainExpression(_ text: String) -> Bool {
        // Every configured string is checked: scan its bytes in place when they are contiguous.
        if let found = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            var sawDollar = false
            for b in bytes {
                if sawDollar && b == UInt8(ascii: "{") { return true }
                sawDollar = b == UInt8(ascii: "$")
            }
            return false
        }) {
            return found
        }
        var sawDollar = false
        for b in text.utf8 {
            if sawDollar && b == UInt8(ascii: "{") { return true }
            sawDollar = b == UInt8(ascii: "$")
        }
        return false
    }

    public static func parse(_ text: String) -> Result<[Segment], Failure> {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Literal text is copied in runs (between `$`s), not byte by byte.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<[Segment], Failure> {
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var runStart = 0
        var dollars = 0
        var i = 0
        let count = bytes.count
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        func flushRun(to end: Int) {
            if end > runStart { literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while i < count {
            guard bytes[i] == dollar else {
                i += 1
                continue
            }
            if i + 2 < count, bytes[i + 1] == dollar, bytes[i + 2] == open {
                flushRun(to: i)
                literal.append(contentsOf: [dollar, open])
                dollars += 2
                i += 3
                runStart = i
                continue
            }
            guard i + 1 < count, bytes[i + 1] == open else {
                dollars += 1  // a lone `$` stays in the literal run
                i += 1
                continue
            }
            let ordinal = dollars
            dollars += 1
            var j = i + 2
            while j < count, bytes[j] != close {
                if bytes[j] == open || (bytes[j] == dollar && j + 1 < count && bytes[j + 1] == open) {
                    return .failure(Failure(message: "`${` is not closed before the next `{`; close it with `}` (write `$${` for a literal `${`)", dollarOrdinal: ordinal))
                }
                if bytes[j] == dollar { dollars += 1 }
                j += 1
            }
            guard j < count else {
                return .failure(Failure(message: "unterminated `${`: add the closing `}` (write `$${` for a literal `${`)", dollarOrdinal: ordinal))
            }
            let inner = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<j]), as: UTF8.self).trimmingSpaces()
            if inner.isEmpty {
                return .failure(Failure(message: "empty `${}`: write `${var.NAME}` or `${TYPE.NAME.ATTRIBUTE}`", dollarOrdinal: ordinal))
            }
            flushRun(to: i)
            if !literal.isEmpty {
                segments.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll(keepingCapacity: true)
            }
            segments.append(.expression(inner, dollarOrdinal: ordinal))
            i = j + 1
            runStart = i
        }
        flushRun(to: count)
        if !literal.isEmpty { segments.append(.literal(String(decoding: literal, as: UTF8.self))) }
        return .success(segments)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
