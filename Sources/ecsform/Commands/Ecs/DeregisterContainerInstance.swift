import ArgumentParser
import Orchestrator

extension Ecs {
    struct DeregisterContainerInstance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deregister-container-instance", abstract: "Deregister a container instance.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("container-instance")) var containerInstance: String?
        @Flag(name: .customLong("force")) var force = false

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["containerInstance"] = try containerInstance.map(ActionInput.text)
            if force { fields["force"] = .bool(true) }
            try await ActionCall.run("DeregisterContainerInstance", global: global, input: input, fields: fields)
        }
    }
}
