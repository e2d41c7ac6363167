/// Names of resources, variables, outputs and containers: `[a-zA-Z][a-zA-Z0-9_-]{0,254}`.
enum NameRules {
    static func isValidName(_ s: String) -> Bool {
        let u = s.utf8
        guard let first = u.first, u.count <= 255, isLetter(first) else { return false }
        return u.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// The message for a declared key that is not a valid name.
    static func invalidKeyMessage(_ name: String, what: String) -> String {
        "`\(name)` is not a valid \(what) name: use 1 to 255 letters, digits, `_` or `-`, starting with a letter"
    }
}
