import ArgumentParser
import Foundation

/// The root command. Each subcommand lives in its own file; add it to the list here.
@main
struct Ecsform: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecsform",
        abstract: "Declarative ECS-style container infrastructure, with its own orchestrator inside.",
        version: ECSFormVersion.current,
        subcommands: [
            Validate.self,
            PlanCommand.self, ApplyCommand.self, DestroyCommand.self, DriftCommand.self,
            ShowCommand.self, OutputCommand.self, StateCommand.self, ImportCommand.self, GraphCommand.self,
            Ecs.self,
            Iam.self,
            SecretsManager.self,
        ]
    )

    /// As ArgumentParser's, except that usage errors exit 1 (cli.md: commands exit 0 or 1).
    static func main() async {
        MallocTuning.apply()
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data(("error: " + fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
