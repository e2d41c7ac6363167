/// An output while the loader works on it.
struct DecodedOutput {
    var config: OutputConfig
    var references: [Reference]
    /// Where `value` was written, for the sensitivity error.
    var valueRange: SourceRange
    /// Whether the value, as written, already holds a sensitive variable.
    var holdsSensitive: Bool
}
