import ArgumentParser

/// The root command. Each subcommand lives in its own file; add it to the list here.
@main
struct Ecsform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecsform",
        abstract: "Declarative ECS-style container infrastructure, with its own orchestrator inside.",
        version: ECSFormVersion.current,
        subcommands: [
            PlanCommand.self, ApplyCommand.self, DestroyCommand.self, DriftCommand.self,
            ShowCommand.self, OutputCommand.self, StateCommand.self, ImportCommand.self, GraphCommand.self,
        ]
    )
}
