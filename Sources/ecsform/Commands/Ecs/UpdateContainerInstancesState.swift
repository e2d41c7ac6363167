import ArgumentParser
import Orchestrator

extension Ecs {
    struct UpdateContainerInstancesState: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-container-instances-state", abstract: "Set container instances ACTIVE or DRAINING.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("container-instances"), parsing: .upToNextOption) var containerInstances: [String] = []
        @Option(name: .customLong("status")) var status: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !containerInstances.isEmpty { fields["containerInstances"] = .array(try containerInstances.map(ActionInput.text)) }
            fields["status"] = try status.map(ActionInput.text)
            try await ActionCall.run("UpdateContainerInstancesState", global: global, input: input, fields: fields)
        }
    }
}
