import ArgumentParser
import Orchestrator

extension Ecs {
    struct DeleteService: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete-service", abstract: "Delete a service (scale it to 0 first, or use --force).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("service")) var service: String?
        @Flag(name: .customLong("force")) var force = false

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["service"] = try service.map(ActionInput.text)
            if force { fields["force"] = .bool(true) }
            try await ActionCall.run("DeleteService", global: global, input: input, fields: fields)
        }
    }
}
