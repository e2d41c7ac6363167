import YAML

/// Turns a stack directory into a `Stack`: reads and merges every `*.yaml`/`*.yml` file in it,
/// resolves variables, decodes each resource into its canonical attribute tree, checks
/// references and every validation rule, and builds the dependency graph. All problems are
/// collected, not only the first.
public struct StackLoader: Sendable {
    public var limits: Limits
    /// Keep the parsed YAML trees for as long as the returned `Stack` lives, instead of freeing
    /// them when loading ends. For a process that exits right after using the stack (`validate`):
    /// freeing hundreds of thousands of nodes is then work nobody needs. Costs the trees' memory
    /// for the stack's lifetime, so leave it off where more work follows.
    public var keepsSourceTrees = false

    public init(limits: Limits = .default, keepsSourceTrees: Bool = false) {
        self.limits = limits
        self.keepsSourceTrees = keepsSourceTrees
    }

    /// Loads and validates the stack in `directory` (a path as the user gave it; file paths in
    /// diagnostics are built from it). The stack is nil when there is any error.
    public func load(directory: String, variables inputs: VariableInputs) -> (Stack?, Diagnostics) {
        var run = LoadRun(directory: directory, limits: limits)
        run.keepsSourceTrees = keepsSourceTrees
        let stack = run.load(inputs)
        return (run.diagnostics.hasErrors ? nil : stack, run.diagnostics)
    }
}
