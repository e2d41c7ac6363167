/// Turns libyaml's positions into `Mark`s.
///
/// libyaml counts `index` and `column` in characters (Unicode scalars), not bytes. Marks keep
/// libyaml's line and character column (1-based) — a tab counts as one column, as most
/// editors' "column" readouts do for UTF-8 text — and add the byte offset, found by walking a
/// cursor forward through the UTF-8 bytes. Events arrive in source order, so the walk is
/// linear over the whole file; pure-ASCII files skip it entirely.
struct SourceMap {
    let bytes: UnsafeBufferPointer<UInt8>
    let fileName: Interned
    var file: String { fileName.string }
    private let isASCII: Bool
    private var cursorChar = 0
    private var cursorByte = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.fileName = Interned(file)
        var high: UInt8 = 0
        for b in bytes { high |= b }
        self.isASCII = high < 0x80
    }

    /// The mark for a libyaml position (0-based line, column and character index).
    mutating func mark(line: Int, column: Int, index: Int) -> Mark {
        Mark(fileName: fileName, line: line + 1, column: column + 1, offset: byteOffset(ofCharacter: index))
    }

    /// Byte offset of the character with the given index.
    mutating func byteOffset(ofCharacter index: Int) -> Int {
        if isASCII { return min(index, bytes.count) }
        if index < cursorChar {
            cursorChar = 0
            cursorByte = 0
        }
        var byte = cursorByte
        var char = cursorChar
        let count = bytes.count
        while char < index && byte < count {
            byte += 1
            while byte < count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            char += 1
        }
        cursorByte = byte
        cursorChar = char
        return byte
    }

    /// The mark for a byte offset, counting lines by `\n` and columns by UTF-8 lead bytes.
    /// Used where libyaml reports only a byte offset (encoding and control-character errors).
    func mark(byteOffset offset: Int) -> Mark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<end where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return Mark(fileName: fileName, line: line, column: column, offset: end)
    }

    /// The byte at an offset, if inside the file.
    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }
}
