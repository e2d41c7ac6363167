import ArgumentParser
import Orchestrator

extension Ecs {
    struct CreateCluster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-cluster", abstract: "Create a cluster.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster-name")) var clusterName: String?
        @Option(name: .customLong("settings"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var settings: [String] = []
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["clusterName"] = try clusterName.map(ActionInput.text)
            if !settings.isEmpty { fields["settings"] = try ActionInput.list(settings, option: "--settings") }
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("CreateCluster", global: global, input: input, fields: fields)
        }
    }
}
