import ArgumentParser
import Orchestrator

extension Ecs {
    struct DeleteCluster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete-cluster", abstract: "Delete a cluster (no services, tasks or instances left).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            try await ActionCall.run("DeleteCluster", global: global, input: input, fields: fields)
        }
    }
}
