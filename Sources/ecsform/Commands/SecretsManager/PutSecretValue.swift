import ArgumentParser
import Orchestrator

extension SecretsManager {
    struct PutSecretValue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "put-secret-value", abstract: "Replace a secret's value.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("secret-id")) var secretId: String?
        @Option(name: .customLong("secret-string")) var secretString: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["SecretId"] = try secretId.map(ActionInput.text)
            fields["SecretString"] = try secretString.map(ActionInput.text)
            try await ActionCall.run("PutSecretValue", global: global, input: input, fields: fields)
        }
    }
}
