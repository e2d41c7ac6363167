import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListAuditRecords: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-audit-records", abstract: "List audit records (newest first), optionally for one resource ARN.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("resource-arn")) var resourceArn: String?
        @Option(name: .customLong("max-results")) var maxResults: Int?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["resourceArn"] = try resourceArn.map(ActionInput.text)
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            try await ActionCall.run("ListAuditRecords", global: global, input: input, fields: fields)
        }
    }
}
