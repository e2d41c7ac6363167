import ArgumentParser
import Orchestrator

extension Ecs {
    struct DescribeTasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-tasks", abstract: "Describe tasks.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("tasks"), parsing: .upToNextOption) var tasks: [String] = []
        @Option(name: .customLong("include"), parsing: .upToNextOption) var include: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !tasks.isEmpty { fields["tasks"] = .array(try tasks.map(ActionInput.text)) }
            if !include.isEmpty { fields["include"] = .array(try include.map(ActionInput.text)) }
            try await ActionCall.run("DescribeTasks", global: global, input: input, fields: fields)
        }
    }
}
