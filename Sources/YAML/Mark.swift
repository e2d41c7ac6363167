/// A place in a source file, 1-based, so diagnostics can point at it.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Byte offset from the start of the file (0-based).
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: Mark, b: Mark) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }
}
