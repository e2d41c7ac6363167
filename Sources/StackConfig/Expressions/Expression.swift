/// What may stand inside `${...}`: a variable, or an attribute of another resource.
public enum Expression: Sendable, Hashable {
    case variable(String)
    case reference(ResourceAddress, path: [String])

    /// Parses `var.NAME` or `TYPE.NAME.ATTRIBUTE[.PATH]`; the error says what to write instead.
    public static func parse(_ text: String) -> Result<Expression, ExpressionError> {
        // Split on the `.` byte: the same parts as splitting by character (`.` is ASCII and
        // never part of a larger character, so every part is whole UTF-8), without walking
        // grapheme clusters or going through substrings.
        var parts: [String] = []
        var bytes = text
        bytes.withUTF8 { utf8 in
            var start = 0
            for i in utf8.indices where utf8[i] == UInt8(ascii: ".") {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<i]), as: UTF8.self))
                start = i + 1
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start...]), as: UTF8.self))
        }
        if hasEmptyOrSpacedPart(text, parts) {
            return .failure(ExpressionError("`\(text)` is not an expression; write `var.NAME` or `TYPE.NAME.ATTRIBUTE`"))
        }
        if parts[0] == "var" {
            guard parts.count == 2 else {
                return .failure(ExpressionError("`\(text)`: a variable is written `var.NAME`, without a path"))
            }
            return .success(.variable(parts[1]))
        }
        guard let type = ResourceType(rawValue: parts[0]) else {
            let known = ["var"] + ResourceType.allCases.map(\.name)
            var hint = Suggestions.hint(for: parts[0], in: known)
            if hint.isEmpty, let t = ResourceType(section: parts[0]) { hint = "; did you mean `\(t.name)`?" }
            return .failure(ExpressionError("unknown `\(parts[0])` in `${\(text)}`: expected `var` or a resource type (\(ResourceType.allCases.map(\.name).joined(separator: ", ")))\(hint)"))
        }
        guard parts.count >= 3 else {
            return .failure(ExpressionError("`${\(text)}` names a resource but no attribute; write `${\(text).name}`, `${\(text).arn}`, ..."))
        }
        return .success(.reference(ResourceAddress(type: type.name, name: parts[1]), path: Array(parts[2...])))
    }
}

extension Expression {
    /// Whether a dotted part is empty or holds a space or tab. ASCII text (the usual case) is
    /// checked byte by byte; other text by characters, as a space may carry a combining mark.
    fileprivate static func hasEmptyOrSpacedPart(_ text: String, _ parts: [String]) -> Bool {
        var ascii = true
        var previous: UInt8 = UInt8(ascii: ".")
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b == 0x20 || b == 0x09 || (b == UInt8(ascii: ".") && previous == b) { return true }
            previous = b
        }
        if ascii { return previous == UInt8(ascii: ".") }
        return parts.contains(where: { $0.isEmpty || $0.contains(where: { $0 == " " || $0 == "\t" }) })
    }
}

public struct ExpressionError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
