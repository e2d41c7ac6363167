import ArgumentParser
import Orchestrator

extension Ecs {
    struct StopTask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop-task", abstract: "Stop a task.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("task")) var task: String?
        @Option(name: .customLong("reason")) var reason: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["task"] = try task.map(ActionInput.text)
            fields["reason"] = try reason.map(ActionInput.text)
            try await ActionCall.run("StopTask", global: global, input: input, fields: fields)
        }
    }
}
