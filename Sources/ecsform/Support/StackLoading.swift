import Engine
import Foundation
import StackConfig

/// A stack being loaded on another thread while the command reads state and refreshes
/// (loading a large stack and reading every object back take about as long as each other,
/// and neither needs the other). Warnings are printed when the command takes the stack.
/// The stack keeps its YAML trees (`StackLoader.keepsSourceTrees`): the commands that load
/// it this way keep it until they exit, so freeing them would only compete with the refresh.
struct StackLoading: Sendable {
    private let task: Task<(Stack, Diagnostics), any Error>
    private let color: Bool

    init(context: CommandContext) {
        let directory = context.directory
        let vars = context.global.vars
        let varFiles = context.global.varFiles
        color = context.global.useColor
        // On a dispatch thread, not on the task: the load is long synchronous work (with its own
        // parallel loops), and holding one of the few cooperative threads for it would leave the
        // refresh's reads one thread fewer.
        task = Task.detached {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        try StackSource.loadQuietly(directory: directory, vars: vars, varFiles: varFiles,
                                                    extraVariables: [:], keepsSourceTrees: true)
                    })
                }
            }
        }
    }

    /// The stack, once loaded (its warnings printed); throws the loader's diagnostics.
    func value() async throws -> Stack {
        let (stack, warnings) = try await task.value
        if !warnings.isEmpty { Report.render(warnings, color: color) }
        return stack
    }

    /// Throws the loader's error if the stack does not load; otherwise nothing. A command
    /// calls it before reporting a failure of its own, so a broken stack is reported first,
    /// as when the stack was loaded before anything else.
    func rethrowFailure() async throws {
        if case .failure(let e) = await task.result { throw e }
    }
}
