import ArgumentParser
import Orchestrator

extension Ecs {
    struct RegisterContainerInstance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "register-container-instance", abstract: "Register a container instance (EC2 capacity) into a cluster.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("total-resources"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var totalResources: [String] = []
        @Option(name: .customLong("attributes"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var attributes: [String] = []
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            if !totalResources.isEmpty { fields["totalResources"] = try ActionInput.list(totalResources, option: "--total-resources") }
            if !attributes.isEmpty { fields["attributes"] = try ActionInput.list(attributes, option: "--attributes") }
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("RegisterContainerInstance", global: global, input: input, fields: fields)
        }
    }
}
