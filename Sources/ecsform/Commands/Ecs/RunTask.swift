import ArgumentParser
import Orchestrator

extension Ecs {
    struct RunTask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run-task", abstract: "Start tasks from a task definition.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("task-definition")) var taskDefinition: String?
        @Option(name: .customLong("count")) var count: Int?
        @Option(name: .customLong("launch-type")) var launchType: String?
        @Option(name: .customLong("started-by")) var startedBy: String?
        @Option(name: .customLong("group")) var group: String?
        @Option(name: .customLong("placement-constraints"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementConstraints: [String] = []
        @Option(name: .customLong("placement-strategy"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementStrategy: [String] = []
        @Option(name: .customLong("overrides"), help: "JSON, file://PATH, or shorthand k=v,k2=v2") var overrides: String?
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["taskDefinition"] = try taskDefinition.map(ActionInput.text)
            fields["count"] = count.map { .number(Double($0)) }
            fields["launchType"] = try launchType.map(ActionInput.text)
            fields["startedBy"] = try startedBy.map(ActionInput.text)
            fields["group"] = try group.map(ActionInput.text)
            if !placementConstraints.isEmpty { fields["placementConstraints"] = try ActionInput.list(placementConstraints, option: "--placement-constraints") }
            if !placementStrategy.isEmpty { fields["placementStrategy"] = try ActionInput.list(placementStrategy, option: "--placement-strategy") }
            if let overrides { fields["overrides"] = try ActionInput.structure(overrides, option: "--overrides") }
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("RunTask", global: global, input: input, fields: fields)
        }
    }
}
