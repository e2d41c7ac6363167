/// Bounds on what one YAML file may cost to read, so a hostile or broken file fails with a
/// located error instead of exhausting memory, time or the stack.
public struct Limits: Sendable, Hashable {
    /// Deepest nesting of sequences and mappings (the builder keeps an explicit stack, so this
    /// bounds memory, not recursion; libyaml 0.2.5 has no nesting limit of its own).
    public var maxDepth: Int
    /// Most nodes that aliases may add in total (an alias to a mapping of 10 scalars adds 11).
    /// Stops "billion laughs" files long before they cost anything.
    public var maxAliasNodes: Int
    /// Largest file accepted, in bytes.
    public var maxFileSize: Int
    /// Longest single scalar accepted, in bytes.
    public var maxScalarLength: Int

    public init(
        maxDepth: Int = 512,
        maxAliasNodes: Int = 100_000,
        maxFileSize: Int = 64 << 20,
        maxScalarLength: Int = 1 << 20
    ) {
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxFileSize = maxFileSize
        self.maxScalarLength = maxScalarLength
    }

    /// Generous for hand-written stack files, tight enough to refuse abuse.
    public static let `default` = Limits()
}
