import ArgumentParser
import Orchestrator

extension Ecs {
    struct UntagResource: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "untag-resource", abstract: "Remove tags from a resource.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("resource-arn")) var resourceArn: String?
        @Option(name: .customLong("tag-keys"), parsing: .upToNextOption) var tagKeys: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["resourceArn"] = try resourceArn.map(ActionInput.text)
            if !tagKeys.isEmpty { fields["tagKeys"] = .array(try tagKeys.map(ActionInput.text)) }
            try await ActionCall.run("UntagResource", global: global, input: input, fields: fields)
        }
    }
}
