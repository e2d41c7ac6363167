import ArgumentParser
import Engine
import Foundation
import StackConfig

/// Loads the stack a command works on, with the `--var`/`--var-file` inputs (plus, for a saved
/// plan, the non-sensitive variable values it recorded).
///
/// Problems in the stack files are printed as `validate` prints them (PATH:LINE:COLUMN, the
/// source line and a caret) and the command exits 1.
enum StackSource {
    static func load(directory: String, global: GlobalOptions, extraVariables: [String: Value]) throws -> Stack {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw EngineError("\(directory): no such stack directory")
        }
        // Recorded values first: a later assignment wins, so what the user passes now prevails.
        let recorded = extraVariables.sorted { $0.key < $1.key }.map { assignment($0.key, $0.value) }
        let inputs = VariableInputs(assignments: recorded + global.vars, files: global.varFiles,
                                    environment: ProcessInfo.processInfo.environment)
        let (stack, diagnostics) = StackLoader().load(directory: directory, variables: inputs)
        if !diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(color: global.useColor && isatty(STDERR_FILENO) != 0) { path in
                FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            }
            FileHandle.standardError.write(Data(renderer.render(diagnostics).utf8))
        }
        guard let stack, !diagnostics.hasErrors else { throw ExitCode.failure }
        return stack
    }

    /// A recorded variable value as a `--var NAME=VALUE` assignment.
    static func assignment(_ name: String, _ value: Value) -> String {
        switch value {
        case .list, .map: return "\(name)=\(value.canonicalJSON)"
        default: return "\(name)=\(Evaluator.interpolationText(value) ?? "")"
        }
    }
}
