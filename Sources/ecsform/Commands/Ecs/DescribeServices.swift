import ArgumentParser
import Orchestrator

extension Ecs {
    struct DescribeServices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-services", abstract: "Describe services.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("services"), parsing: .upToNextOption) var services: [String] = []
        @Option(name: .customLong("include"), parsing: .upToNextOption) var include: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !services.isEmpty { fields["services"] = .array(try services.map(ActionInput.text)) }
            if !include.isEmpty { fields["include"] = .array(try include.map(ActionInput.text)) }
            try await ActionCall.run("DescribeServices", global: global, input: input, fields: fields)
        }
    }
}
