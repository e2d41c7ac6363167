import ArgumentParser
import Orchestrator

extension Ecs {
    struct DeregisterTaskDefinition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deregister-task-definition", abstract: "Mark a task definition revision INACTIVE.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("task-definition")) var taskDefinition: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["taskDefinition"] = try taskDefinition.map(ActionInput.text)
            try await ActionCall.run("DeregisterTaskDefinition", global: global, input: input, fields: fields)
        }
    }
}
