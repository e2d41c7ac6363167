import YAML

/// The bytes of every file read, so positions inside a scalar (the `$` of a reference) can be
/// found exactly, whatever quoting the scalar used.
struct SourceFiles {
    /// Keyed by the interned name marks carry: a lookup hashes a pointer, not the path.
    private(set) var bytes: [Interned: [UInt8]] = [:]

    mutating func add(_ file: String, _ content: [UInt8]) { bytes[Interned(file)] = content }

    /// The place of the `ordinal`-th `$` (0-based) of a scalar's text, counted in its source.
    /// Falls back to the scalar's own place when the source does not show it (escapes).
    func place(ofDollar ordinal: Int, in scalar: Node.Scalar) -> SourceRange {
        let mark = scalar.mark
        let fallback = SourceRange(mark)
        guard let source = bytes[mark.fileName], mark.offset < source.count else { return fallback }
        var line = mark.line, column = mark.column
        var seen = 0
        let limit = min(source.count, mark.offset + scalar.value.utf8.count * 4 + 64)
        var i = mark.offset
        while i < limit {
            let b = source[i]
            if b == UInt8(ascii: "$") {
                if seen == ordinal { return SourceRange(file: mark.file, line: line, column: column, offset: i) }
                seen += 1
            }
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return fallback
    }
}

extension SourceRange {
    init(_ mark: Mark) {
        self.init(file: mark.file, line: mark.line, column: mark.column, offset: mark.offset)
    }
}
