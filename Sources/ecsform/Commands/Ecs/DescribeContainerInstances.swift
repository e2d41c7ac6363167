import ArgumentParser
import Orchestrator

extension Ecs {
    struct DescribeContainerInstances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-container-instances", abstract: "Describe container instances.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("container-instances"), parsing: .upToNextOption) var containerInstances: [String] = []
        @Option(name: .customLong("include"), parsing: .upToNextOption) var include: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !containerInstances.isEmpty { fields["containerInstances"] = .array(try containerInstances.map(ActionInput.text)) }
            if !include.isEmpty { fields["include"] = .array(try include.map(ActionInput.text)) }
            try await ActionCall.run("DescribeContainerInstances", global: global, input: input, fields: fields)
        }
    }
}
