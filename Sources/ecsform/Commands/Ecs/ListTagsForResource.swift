import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListTagsForResource: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-tags-for-resource", abstract: "List a resource's tags.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("resource-arn")) var resourceArn: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["resourceArn"] = try resourceArn.map(ActionInput.text)
            try await ActionCall.run("ListTagsForResource", global: global, input: input, fields: fields)
        }
    }
}
