import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListServices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-services", abstract: "List service ARNs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("launch-type")) var launchType: String?
        @Option(name: .customLong("scheduling-strategy")) var schedulingStrategy: String?
        @Option(name: .customLong("max-results")) var maxResults: Int?
        @Option(name: .customLong("next-token")) var nextToken: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["launchType"] = try launchType.map(ActionInput.text)
            fields["schedulingStrategy"] = try schedulingStrategy.map(ActionInput.text)
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            fields["nextToken"] = try nextToken.map(ActionInput.text)
            try await ActionCall.run("ListServices", global: global, input: input, fields: fields)
        }
    }
}
