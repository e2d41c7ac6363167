import ArgumentParser
import Orchestrator

extension SecretsManager {
    struct DeleteSecret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete-secret", abstract: "Delete a secret.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("secret-id")) var secretId: String?
        @Flag(name: .customLong("force-delete-without-recovery")) var forceDeleteWithoutRecovery = false

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["SecretId"] = try secretId.map(ActionInput.text)
            if forceDeleteWithoutRecovery { fields["ForceDeleteWithoutRecovery"] = .bool(true) }
            try await ActionCall.run("DeleteSecret", global: global, input: input, fields: fields)
        }
    }
}
