import ArgumentParser
import Orchestrator

extension Ecs {
    struct RegisterTaskDefinition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "register-task-definition", abstract: "Register a task definition revision (usually with --cli-input-json file://F).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("family")) var family: String?
        @Option(name: .customLong("container-definitions"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var containerDefinitions: [String] = []
        @Option(name: .customLong("task-role-arn")) var taskRoleArn: String?
        @Option(name: .customLong("execution-role-arn")) var executionRoleArn: String?
        @Option(name: .customLong("network-mode")) var networkMode: String?
        @Option(name: .customLong("requires-compatibilities"), parsing: .upToNextOption) var requiresCompatibilities: [String] = []
        @Option(name: .customLong("cpu")) var cpu: String?
        @Option(name: .customLong("memory")) var memory: String?
        @Option(name: .customLong("placement-constraints"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementConstraints: [String] = []
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["family"] = try family.map(ActionInput.text)
            if !containerDefinitions.isEmpty { fields["containerDefinitions"] = try ActionInput.list(containerDefinitions, option: "--container-definitions") }
            fields["taskRoleArn"] = try taskRoleArn.map(ActionInput.text)
            fields["executionRoleArn"] = try executionRoleArn.map(ActionInput.text)
            fields["networkMode"] = try networkMode.map(ActionInput.text)
            if !requiresCompatibilities.isEmpty { fields["requiresCompatibilities"] = .array(try requiresCompatibilities.map(ActionInput.text)) }
            fields["cpu"] = try cpu.map(ActionInput.text)
            fields["memory"] = try memory.map(ActionInput.text)
            if !placementConstraints.isEmpty { fields["placementConstraints"] = try ActionInput.list(placementConstraints, option: "--placement-constraints") }
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("RegisterTaskDefinition", global: global, input: input, fields: fields)
        }
    }
}
