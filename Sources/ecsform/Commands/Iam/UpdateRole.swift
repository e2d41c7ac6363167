import ArgumentParser
import Orchestrator

extension Iam {
    struct UpdateRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-role", abstract: "Change a role's description or maximum session duration.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("role-name")) var roleName: String?
        @Option(name: .customLong("description")) var description: String?
        @Option(name: .customLong("max-session-duration")) var maxSessionDuration: Int?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["RoleName"] = try roleName.map(ActionInput.text)
            fields["Description"] = try description.map(ActionInput.text)
            fields["MaxSessionDuration"] = maxSessionDuration.map { .number(Double($0)) }
            try await ActionCall.run("UpdateRole", global: global, input: input, fields: fields)
        }
    }
}
