import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListClusters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-clusters", abstract: "List cluster ARNs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("max-results")) var maxResults: Int?
        @Option(name: .customLong("next-token")) var nextToken: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            fields["nextToken"] = try nextToken.map(ActionInput.text)
            try await ActionCall.run("ListClusters", global: global, input: input, fields: fields)
        }
    }
}
