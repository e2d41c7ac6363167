import ArgumentParser
import Orchestrator

extension SecretsManager {
    struct CreateSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-secret", abstract: "Store a secret (encrypted at rest).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("name")) var name: String?
        @Option(name: .customLong("secret-string")) var secretString: String?
        @Option(name: .customLong("description")) var description: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["Name"] = try name.map(ActionInput.text)
            fields["SecretString"] = try secretString.map(ActionInput.text)
            fields["Description"] = try description.map(ActionInput.text)
            try await ActionCall.run("CreateSecret", global: global, input: input, fields: fields)
        }
    }
}
