/// A place in a source file, 1-based, so diagnostics can point at it.
///
/// Line and column are stored as 32-bit values (clamped to `UInt32.max`) so a mark is 32
/// bytes: every node of a parsed tree carries one, and this keeps a 10,000-resource stack's
/// trees about 10% smaller. Columns count characters (Unicode scalars), not bytes.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    /// Byte offset from the start of the file (0-based).
    public var offset: Int
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamp(newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamp(newValue) }
    }

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.offset = offset
        self.storedLine = Self.clamp(line)
        self.storedColumn = Self.clamp(column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: Mark, b: Mark) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }

    private static func clamp(_ value: Int) -> UInt32 {
        UInt32(clamping: value)
    }
}
