/// A place in a source file, 1-based, so diagnostics can point at it.
///
/// Every node of a parsed tree carries one, so a mark is kept small and free to copy (no
/// reference counting): the file is an interned name, and offset, line and column are 32-bit
/// values (clamped to `UInt32.max`; files are far below that by `Limits.maxFileSize`).
/// Columns count characters (Unicode scalars), not bytes.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file, interned (`file` reads it as text).
    public var fileName: Interned
    private var storedOffset: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var file: String {
        get { fileName.string }
        set { fileName = Interned(newValue) }
    }

    /// Byte offset from the start of the file (0-based).
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Self.clamp(newValue) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamp(newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamp(newValue) }
    }

    public init(file: String, line: Int, column: Int, offset: Int = 0) {
        self.init(fileName: Interned(file), line: line, column: column, offset: offset)
    }

    public init(fileName: Interned, line: Int, column: Int, offset: Int = 0) {
        self.fileName = fileName
        self.storedOffset = Self.clamp(offset)
        self.storedLine = Self.clamp(line)
        self.storedColumn = Self.clamp(column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: Mark, b: Mark) -> Bool {
        if a.fileName != b.fileName { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }

    private static func clamp(_ value: Int) -> UInt32 {
        UInt32(clamping: value)
    }
}
