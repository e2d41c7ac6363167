import ArgumentParser
import Orchestrator

extension Iam {
    struct GetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-role", abstract: "Describe a role.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            try await ActionCall.run("GetRole", global: global, input: input, fields: fields)
        }
    }
}
