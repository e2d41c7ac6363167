import ArgumentParser
import Orchestrator

extension Ecs {
    struct GetTaskCredentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get-task-credentials", abstract: "Obtain a task role's temporary credentials (as the task: its ARN and credentials token).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("task-arn")) var taskArn: String?
        @Option(name: .customLong("credentials-token")) var credentialsToken: String?
        @Option(name: .customLong("duration-seconds")) var durationSeconds: Int?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["taskArn"] = try taskArn.map(ActionInput.text)
            fields["credentialsToken"] = try credentialsToken.map(ActionInput.text)
            fields["durationSeconds"] = durationSeconds.map { .number(Double($0)) }
            try await ActionCall.run("GetTaskCredentials", global: global, input: input, fields: fields)
        }
    }
}
