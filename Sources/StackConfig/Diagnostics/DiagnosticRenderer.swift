/// Prints diagnostics as a compiler does: `PATH:LINE:COLUMN: error: MESSAGE`, the source line,
/// and a caret under the column; notes the same way. Sources come from a closure so the
/// renderer does no I/O of its own.
public struct DiagnosticRenderer {
    /// The bytes of a file named in a diagnostic, or nil when it cannot be shown.
    public var source: (String) -> [UInt8]?
    public var color: Bool

    public init(color: Bool = false, source: @escaping (String) -> [UInt8]?) {
        self.color = color
        self.source = source
    }

    /// Every diagnostic, sorted by file and line, each followed by its source excerpt.
    public func render(_ diagnostics: Diagnostics) -> String {
        var lines = LineCache(source: source)
        var out = ""
        for d in diagnostics.sorted {
            let label = d.severity == .error ? paint("error", "1;31") : paint("warning", "1;35")
            out += header(d.subject) + label + ": " + d.message + "\n"
            if let s = d.subject { out += excerpt(s, &lines) }
            for note in d.notes {
                out += header(note.range) + paint("note", "1;36") + ": " + note.message + "\n"
                out += excerpt(note.range, &lines)
            }
        }
        return out
    }

    private func header(_ range: SourceRange?) -> String {
        guard let r = range else { return "" }
        return paint("\(r.file):\(r.line):\(r.column):", "1") + " "
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The source line and a caret, keeping tabs so the caret lines up; long lines are cut
    /// to a window around the column.
    private func excerpt(_ r: SourceRange, _ cache: inout LineCache) -> String {
        guard let text = cache.line(r.line, of: r.file) else { return "" }
        var chars = Array(text.unicodeScalars).map { s -> Unicode.Scalar in
            (s.value < 0x20 && s != "\t") || (0x7F...0x9F).contains(s.value) ? "\u{FFFD}" : s
        }
        var caretIndex = max(0, min(r.column - 1, chars.count))
        var prefix = "", suffix = ""
        let width = 100
        if chars.count > 2 * width {
            let start = max(0, min(caretIndex - width / 2, chars.count - width))
            let end = min(chars.count, start + width)
            if start > 0 { prefix = "..." }
            if end < chars.count { suffix = "..." }
            chars = Array(chars[start..<end])
            caretIndex -= start
        }
        var line = prefix
        line.unicodeScalars.append(contentsOf: chars)
        line += suffix
        var caret = String(repeating: " ", count: prefix.count)
        for c in chars.prefix(caretIndex) { caret += c == "\t" ? "\t" : " " }
        return line + "\n" + caret + paint("^", "1;32") + "\n"
    }

    private struct LineCache {
        var source: (String) -> [UInt8]?
        var files: [String: [ArraySlice<UInt8>]?] = [:]

        mutating func line(_ n: Int, of file: String) -> String? {
            if files[file] == nil {
                files[file] = .some(source(file).map { bytes in
                    bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                })
            }
            guard let lines = files[file] ?? nil, n >= 1, n <= lines.count else { return nil }
            var slice = lines[n - 1]
            if slice.last == 0x0D { slice = slice.dropLast() }
            return String(decoding: slice, as: UTF8.self)
        }
    }
}
