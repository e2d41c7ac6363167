import ArgumentParser
import Orchestrator

extension Iam {
    struct CreateRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-role", abstract: "Create a task role.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?
        @Option(name: .customLong("assume-role-policy-document")) var assumeRolePolicyDocument: String?
        @Option(name: .customLong("description")) var description: String?
        @Option(name: .customLong("max-session-duration")) var maxSessionDuration: Int?
        @Option(name: .customLong("path")) var path: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            fields["AssumeRolePolicyDocument"] = try assumeRolePolicyDocument.map(ActionInput.text)
            fields["Description"] = try description.map(ActionInput.text)
            fields["MaxSessionDuration"] = maxSessionDuration.map { .number(Double($0)) }
            fields["Path"] = try path.map(ActionInput.text)
            try await ActionCall.run("CreateRole", global: global, input: input, fields: fields)
        }
    }
}
