import ArgumentParser
import Foundation

/// The options every command accepts (cli.md, "Global options").
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("orchestrator"), help: "Where the orchestrator is: a store directory. Environment: ECSFORM_ORCHESTRATOR.")
    var orchestrator: String?

    @Option(name: .customLong("state"), help: "The state file (default DIR/ecsform.state.json). Environment: ECSFORM_STATE.")
    var state: String?

    @Flag(name: .customLong("no-color"), help: "Plain output (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    @Option(name: .customLong("var"), help: "A variable value NAME=VALUE (repeatable).")
    var vars: [String] = []

    @Option(name: .customLong("var-file"), help: "A file of variable values (repeatable).")
    var varFiles: [String] = []

    /// `--orchestrator`, else `ECSFORM_ORCHESTRATOR`, else `$XDG_DATA_HOME/ecsform/orchestrator`
    /// (`~/.local/share/ecsform/orchestrator`).
    var orchestratorLocation: String {
        let env = ProcessInfo.processInfo.environment
        if let o = orchestrator, !o.isEmpty { return o }
        if let o = env["ECSFORM_ORCHESTRATOR"], !o.isEmpty { return o }
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/ecsform/orchestrator" }
        let home = env["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/share/ecsform/orchestrator"
    }

    var stateFile: String? { state ?? ProcessInfo.processInfo.environment["ECSFORM_STATE"] }

    /// Whether output may use colour.
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}
