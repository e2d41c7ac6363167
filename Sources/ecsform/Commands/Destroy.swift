import ArgumentParser
import Engine

extension Ecsform {
    /// `ecsform destroy [DIR]`: delete everything in state, dependents first.
    struct DestroyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "destroy",
            abstract: "Destroy everything this stack manages.",
            discussion: "Resources with lifecycle.prevent_destroy stop the destroy with an error.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stack directory (default: the current directory).") var dir: String?
        @Flag(name: .customLong("auto-approve"), help: "Do not ask for confirmation.") var autoApprove = false
        @Flag(help: "Print one JSON document summarising what happened (needs --auto-approve).") var json = false
        @Option(help: "How many deletions to make at once.") var parallelism: Int = 10
        @Option(name: .customLong("target"), help: ArgumentHelp("Only this resource and what depends on it (repeatable).", valueName: "ADDR")) var targets: [String] = []
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func run() async throws {
            if parallelism < 1 { Report.error("--parallelism must be at least 1"); throw ExitCode.failure }
            if json, !autoApprove { Report.error("\(Self.configuration.commandName ?? "apply") --json needs --auto-approve (there is no prompt in JSON mode)"); throw ExitCode.failure }
            try await ApplyFlow(global: global, autoApprove: autoApprove, json: json, parallelism: parallelism,
                                lockTimeout: lockTimeout, destroy: true).run(argument: dir, targets: targets)
        }
    }
}
