/// The name checks every create makes (`^[A-Za-z0-9<extra>]{1,N}$`, `^[\w<extra>]{1,N}$`),
/// byte by byte: a regex literal is parsed and compiled again on each use, which cost more
/// than the rest of a create.
enum NamePattern {
    /// 1...`maxLength` ASCII letters, digits and bytes of `extra`.
    static func ascii(_ s: String, extra: StaticString, maxLength: Int) -> Bool {
        var n = 0
        for b in s.utf8 {
            guard isAlnum(b) || contains(extra, b) else { return false }
            n += 1
        }
        return n >= 1 && n <= maxLength
    }

    /// `^[\w<extra>]{1,maxLength}$` as Swift's regex reads it: an ASCII name is checked here
    /// (`\w` is then a letter, digit or `_`); any other goes to `regex`, for Unicode's word characters.
    static func word(_ s: String, extra: StaticString, maxLength: Int, regex: () -> Regex<Substring>) -> Bool {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.wholeMatch(of: regex()) != nil }
        var n = 0
        for b in s.utf8 {
            guard isAlnum(b) || b == UInt8(ascii: "_") || contains(extra, b) else { return false }
            n += 1
        }
        return n >= 1 && n <= maxLength
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    private static func contains(_ set: StaticString, _ b: UInt8) -> Bool {
        set.withUTF8Buffer { $0.contains(b) }
    }
}
