import ArgumentParser
import Orchestrator

extension SecretsManager {
    struct DescribeSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "describe-secret", abstract: "Describe a secret (never its value).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("secret-id")) var secretId: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["SecretId"] = try secretId.map(ActionInput.text)
            try await ActionCall.run("DescribeSecret", global: global, input: input, fields: fields)
        }
    }
}
