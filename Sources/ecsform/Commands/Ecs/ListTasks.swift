import ArgumentParser
import Orchestrator

extension Ecs {
    struct ListTasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-tasks", abstract: "List task ARNs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("service-name")) var serviceName: String?
        @Option(name: .customLong("family")) var family: String?
        @Option(name: .customLong("container-instance")) var containerInstance: String?
        @Option(name: .customLong("started-by")) var startedBy: String?
        @Option(name: .customLong("desired-status")) var desiredStatus: String?
        @Option(name: .customLong("launch-type")) var launchType: String?
        @Option(name: .customLong("max-results")) var maxResults: Int?
        @Option(name: .customLong("next-token")) var nextToken: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["serviceName"] = try serviceName.map(ActionInput.text)
            fields["family"] = try family.map(ActionInput.text)
            fields["containerInstance"] = try containerInstance.map(ActionInput.text)
            fields["startedBy"] = try startedBy.map(ActionInput.text)
            fields["desiredStatus"] = try desiredStatus.map(ActionInput.text)
            fields["launchType"] = try launchType.map(ActionInput.text)
            fields["maxResults"] = maxResults.map { .number(Double($0)) }
            fields["nextToken"] = try nextToken.map(ActionInput.text)
            try await ActionCall.run("ListTasks", global: global, input: input, fields: fields)
        }
    }
}
