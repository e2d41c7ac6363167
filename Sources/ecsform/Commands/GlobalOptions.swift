import ArgumentParser
import Foundation

/// Options every command accepts (cli.md, "Global options").
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("orchestrator"), help: ArgumentHelp("Where the orchestrator is: a directory holding the embedded orchestrator's store. Environment: ECSFORM_ORCHESTRATOR.", valueName: "LOCATION"))
    var orchestrator: String?

    @Option(name: .customLong("state"), help: ArgumentHelp("The state file (default DIR/ecsform.state.json). Environment: ECSFORM_STATE.", valueName: "PATH"))
    var state: String?

    @Flag(name: .customLong("no-color"), help: "Plain output (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    @Option(name: .customLong("var"), help: ArgumentHelp("A variable value, NAME=VALUE (repeatable).", valueName: "NAME=VALUE"))
    var vars: [String] = []

    @Option(name: .customLong("var-file"), help: ArgumentHelp("A YAML file of variable values (repeatable).", valueName: "FILE"))
    var varFiles: [String] = []

    /// The orchestrator directory: the flag, else ECSFORM_ORCHESTRATOR, else the XDG data dir.
    var orchestratorLocation: String {
        if let o = orchestrator { return o }
        let env = ProcessInfo.processInfo.environment
        if let o = env["ECSFORM_ORCHESTRATOR"], !o.isEmpty { return o }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("ecsform/orchestrator")
    }

    /// The state file: the flag, else ECSFORM_STATE, else DIR/ecsform.state.json.
    func statePath(stackDirectory: String) -> String {
        if let s = state { return s }
        if let s = ProcessInfo.processInfo.environment["ECSFORM_STATE"], !s.isEmpty { return s }
        return (stackDirectory as NSString).appendingPathComponent("ecsform.state.json")
    }

    /// Colour only on a terminal, and never with --no-color or NO_COLOR.
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) != 0
    }
}
