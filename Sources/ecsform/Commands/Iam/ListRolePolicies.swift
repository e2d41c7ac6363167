import ArgumentParser
import Orchestrator

extension Iam {
    struct ListRolePolicies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-role-policies", abstract: "List the inline policies of a role.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            try await ActionCall.run("ListRolePolicies", global: global, input: input, fields: fields)
        }
    }
}
