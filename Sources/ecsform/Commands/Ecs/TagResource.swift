import ArgumentParser
import Orchestrator

extension Ecs {
    struct TagResource: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tag-resource", abstract: "Add or overwrite tags on a resource.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("resource-arn")) var resourceArn: String?
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["resourceArn"] = try resourceArn.map(ActionInput.text)
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("TagResource", global: global, input: input, fields: fields)
        }
    }
}
