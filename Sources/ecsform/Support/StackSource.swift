import Engine
import Foundation
import StackConfig

/// Loads the stack a command works on, with the `--var`/`--var-file` inputs (plus, for a saved
/// plan, the non-sensitive variable values it recorded).
///
/// The stack loader (`StackLoader().load(directory:variables:)`, branch `stackconfig`) has
/// not landed on this branch yet; until it does, commands that read a stack report that and
/// exit 1. The engine operations they call are complete and tested in EngineTests.
enum StackSource {
    static func load(directory: String, global: GlobalOptions, extraVariables: [String: Value]) throws -> Stack {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw EngineError("\(directory): no such stack directory")
        }
        throw EngineError("this build of ecsform cannot read stack files yet (the stack loader has not been merged)")
    }

    /// A recorded variable value as a `--var NAME=VALUE` assignment.
    static func assignment(_ name: String, _ value: Value) -> String {
        switch value {
        case .list, .map: return "\(name)=\(value.canonicalJSON)"
        default: return "\(name)=\(Evaluator.interpolationText(value) ?? "")"
        }
    }
}
