import ArgumentParser
import Foundation
import StackConfig

extension Ecsform {
    /// `ecsform validate [DIR]`: parse and check a stack; touches no state and no orchestrator.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a stack's files: syntax, types, references, and every rule of the stack format.",
            discussion: "Exits 0 when the stack is valid and 1 otherwise. No state or orchestrator is touched."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The stack directory.", valueName: "DIR"))
        var directory: String = "."

        @Flag(name: .customLong("json"), help: "Print the result as one JSON document (Terraform's `validate -json` shape).")
        var json = false

        func run() async throws {
            let inputs = VariableInputs(assignments: global.vars, files: global.varFiles,
                                        environment: ProcessInfo.processInfo.environment)
            // The process exits right after: keep the YAML trees rather than free them.
            let (stack, diagnostics) = StackLoader(keepsSourceTrees: true).load(directory: directory, variables: inputs)
            let valid = stack != nil && !diagnostics.hasErrors
            if json {
                print(ValidateJSONView.render(valid: valid, diagnostics: diagnostics))
            } else {
                if !diagnostics.isEmpty {
                    let color = global.useColor && isatty(STDERR_FILENO) != 0
                    let renderer = DiagnosticRenderer(color: color) { path in
                        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
                    }
                    FileHandle.standardError.write(Data(renderer.render(diagnostics).utf8))
                }
                if let stack, valid {
                    let n = stack.resources.count
                    let o = stack.outputs.count
                    print("Success! The stack \"\(stack.name)\" is valid: \(n) resource\(n == 1 ? "" : "s"), \(o) output\(o == 1 ? "" : "s").")
                } else {
                    let errors = diagnostics.items.filter { $0.severity == .error }.count
                    FileHandle.standardError.write(Data("Validation failed: \(errors) error\(errors == 1 ? "" : "s").\n".utf8))
                }
            }
            // Leave at once: tearing down a large stack's trees costs more than checking it did,
            // and there is nothing to clean up (validate writes nothing).
            ProcessLifetime.keep(stack as Any)
            fflush(nil)
            Foundation.exit(valid ? 0 : 1)
        }
    }
}
