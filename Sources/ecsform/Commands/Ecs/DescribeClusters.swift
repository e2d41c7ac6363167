import ArgumentParser
import Orchestrator

extension Ecs {
    struct DescribeClusters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-clusters", abstract: "Describe clusters.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("clusters"), parsing: .upToNextOption) var clusters: [String] = []
        @Option(name: .customLong("include"), parsing: .upToNextOption) var include: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            if !clusters.isEmpty { fields["clusters"] = .array(try clusters.map(ActionInput.text)) }
            if !include.isEmpty { fields["include"] = .array(try include.map(ActionInput.text)) }
            try await ActionCall.run("DescribeClusters", global: global, input: input, fields: fields)
        }
    }
}
