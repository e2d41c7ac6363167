import ArgumentParser
import Orchestrator

extension Iam {
    struct DeleteRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete-role", abstract: "Delete a role (its inline policies first).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            try await ActionCall.run("DeleteRole", global: global, input: input, fields: fields)
        }
    }
}
