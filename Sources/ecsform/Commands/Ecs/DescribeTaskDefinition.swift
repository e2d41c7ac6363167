import ArgumentParser
import Orchestrator

extension Ecs {
    struct DescribeTaskDefinition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-task-definition", abstract: "Describe a task definition (family, family:revision or ARN).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("task-definition")) var taskDefinition: String?
        @Option(name: .customLong("include"), parsing: .upToNextOption) var include: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["taskDefinition"] = try taskDefinition.map(ActionInput.text)
            if !include.isEmpty { fields["include"] = .array(try include.map(ActionInput.text)) }
            try await ActionCall.run("DescribeTaskDefinition", global: global, input: input, fields: fields)
        }
    }
}
