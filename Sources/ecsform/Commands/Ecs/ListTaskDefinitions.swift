import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListTaskDefinitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-task-definitions", abstract: "List task definition ARNs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("family-prefix")) var familyPrefix: String?
        @Option(name: .customLong("status")) var status: String?
        @Option(name: .customLong("sort")) var sort: String?
        @Option(name: .customLong("max-results")) var maxResults: Int?
        @Option(name: .customLong("next-token")) var nextToken: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["familyPrefix"] = try familyPrefix.map(ActionInput.text)
            fields["status"] = try status.map(ActionInput.text)
            fields["sort"] = try sort.map(ActionInput.text)
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            fields["nextToken"] = try nextToken.map(ActionInput.text)
            try await ActionCall.run("ListTaskDefinitions", global: global, input: input, fields: fields)
        }
    }
}
