/// Where a piece of configuration came from, so every problem can be reported as
/// `PATH:LINE:COLUMN`. Lines and columns are 1-based.
public struct SourceRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Byte offset of the start in the file (0-based), when known.
    public var offset: Int

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceRange, b: SourceRange) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
