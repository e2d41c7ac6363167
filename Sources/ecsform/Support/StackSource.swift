import Engine
import Foundation
import StackConfig

/// The stack's problems, printed by `Report.run` as the loader's diagnostics (PATH:LINE:COLUMN).
struct StackLoadError: Error {
    var diagnostics: Diagnostics
}

/// Loads the stack a command works on, with the `--var`/`--var-file` inputs and
/// `ECSFORM_VAR_*` (plus, for a saved plan, the non-sensitive variable values it recorded,
/// which the command line may override — the plan's variable hash then decides).
enum StackSource {
    static func load(directory: String, global: GlobalOptions, extraVariables: [String: Value]) throws -> Stack {
        let (stack, warnings) = try loadQuietly(directory: directory, vars: global.vars, varFiles: global.varFiles,
                                                extraVariables: extraVariables)
        if !warnings.isEmpty { Report.render(warnings, color: global.useColor) }
        return stack
    }

    /// As `load`, returning the warnings instead of printing them (for a load run in the
    /// background, whose warnings are printed when the command takes its result).
    /// `keepsSourceTrees`: see `StackLoader.keepsSourceTrees`.
    static func loadQuietly(directory: String, vars: [String], varFiles: [String],
                            extraVariables: [String: Value], keepsSourceTrees: Bool = false) throws -> (Stack, Diagnostics) {
        let recorded = extraVariables.keys.sorted().compactMap { name in extraVariables[name].map { assignment(name, $0) } }
        let inputs = VariableInputs(assignments: recorded + vars, files: varFiles,
                                    environment: ProcessInfo.processInfo.environment)
        let (stack, diagnostics) = StackLoader(keepsSourceTrees: keepsSourceTrees).load(directory: directory, variables: inputs)
        guard let stack, !diagnostics.hasErrors else { throw StackLoadError(diagnostics: diagnostics) }
        return (stack, diagnostics)
    }

    /// A recorded variable value as a `--var NAME=VALUE` assignment.
    static func assignment(_ name: String, _ value: Value) -> String {
        switch value {
        case .list, .map: return "\(name)=\(value.canonicalJSON)"
        default: return "\(name)=\(Evaluator.interpolationText(value) ?? "")"
        }
    }
}
