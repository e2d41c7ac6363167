import ArgumentParser
import Orchestrator

extension Iam {
    struct DeleteRolePolicy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete-role-policy", abstract: "Delete an inline policy of a role.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?
        @Option(name: .customLong("policy-name")) var policyName: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            fields["PolicyName"] = try policyName.map(ActionInput.text)
            try await ActionCall.run("DeleteRolePolicy", global: global, input: input, fields: fields)
        }
    }
}
