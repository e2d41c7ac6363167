import ArgumentParser
import Orchestrator

extension Ecs {
    struct UpdateClusterSettings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-cluster-settings", abstract: "Change a cluster's settings.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("settings"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var settings: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !settings.isEmpty { fields["settings"] = try ActionInput.list(settings, option: "--settings") }
            try await ActionCall.run("UpdateClusterSettings", global: global, input: input, fields: fields)
        }
    }
}
