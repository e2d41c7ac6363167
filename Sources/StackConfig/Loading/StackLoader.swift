import YAML

/// Turns a stack directory into a `Stack`: reads and merges every `*.yaml`/`*.yml` file in it,
/// resolves variables, decodes each resource into its canonical attribute tree, checks
/// references and every validation rule, and builds the dependency graph. All problems are
/// collected, not only the first.
public struct StackLoader: Sendable {
    public var limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Loads and validates the stack in `directory` (a path as the user gave it; file paths in
    /// diagnostics are built from it). The stack is nil when there is any error.
    public func load(directory: String, variables inputs: VariableInputs) -> (Stack?, Diagnostics) {
        var run = LoadRun(directory: directory, limits: limits)
        let stack = run.load(inputs)
        return (run.diagnostics.hasErrors ? nil : stack, run.diagnostics)
    }
}
