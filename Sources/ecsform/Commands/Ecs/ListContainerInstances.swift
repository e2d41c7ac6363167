import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListContainerInstances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-container-instances", abstract: "List container instance ARNs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("status")) var status: String?
        @Option(name: .customLong("max-results")) var maxResults: Int?
        @Option(name: .customLong("next-token")) var nextToken: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["status"] = try status.map(ActionInput.text)
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            fields["nextToken"] = try nextToken.map(ActionInput.text)
            try await ActionCall.run("ListContainerInstances", global: global, input: input, fields: fields)
        }
    }
}
