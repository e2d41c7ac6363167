import ArgumentParser
import Orchestrator

extension SecretsManager {
    struct ListSecrets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-secrets", abstract: "List secrets (never their values).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("max-results")) var maxResults: Int?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["MaxResults"] = maxResults.map { .number(Double($0)) }
            try await ActionCall.run("ListSecrets", global: global, input: input, fields: fields)
        }
    }
}
