/// Where variable values come from besides defaults. Passed in rather than read from the
/// process, so tests control every source.
public struct VariableInputs: Sendable, Hashable {
    /// `--var NAME=VALUE`, in command-line order (a later one wins).
    public var assignments: [String]
    /// `--var-file FILE` paths, in command-line order (a later file wins).
    public var files: [String]
    /// The environment, for `ECSFORM_VAR_NAME`.
    public var environment: [String: String]

    public init(assignments: [String] = [], files: [String] = [], environment: [String: String] = [:]) {
        self.assignments = assignments
        self.files = files
        self.environment = environment
    }
}
