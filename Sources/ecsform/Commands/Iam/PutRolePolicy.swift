import ArgumentParser
import Orchestrator

extension Iam {
    struct PutRolePolicy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "put-role-policy", abstract: "Add or replace an inline policy of a role.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?
        @Option(name: .customLong("policy-name")) var policyName: String?
        @Option(name: .customLong("policy-document")) var policyDocument: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            fields["PolicyName"] = try policyName.map(ActionInput.text)
            fields["PolicyDocument"] = try policyDocument.map(ActionInput.text)
            try await ActionCall.run("PutRolePolicy", global: global, input: input, fields: fields)
        }
    }
}
