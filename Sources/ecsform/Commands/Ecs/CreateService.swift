import ArgumentParser
import Orchestrator

extension Ecs {
    struct CreateService: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-service", abstract: "Create a service.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("service-name")) var serviceName: String?
        @Option(name: .customLong("task-definition")) var taskDefinition: String?
        @Option(name: .customLong("desired-count"), parsing: .unconditional) var desiredCount: Int?
        @Option(name: .customLong("launch-type")) var launchType: String?
        @Option(name: .customLong("deployment-configuration"), help: "JSON, file://PATH, or shorthand k=v,k2=v2") var deploymentConfiguration: String?
        @Option(name: .customLong("placement-constraints"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementConstraints: [String] = []
        @Option(name: .customLong("placement-strategy"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementStrategy: [String] = []
        @Option(name: .customLong("scheduling-strategy")) var schedulingStrategy: String?
        @Option(name: .customLong("propagate-tags")) var propagateTags: String?
        @Option(name: .customLong("health-check-grace-period-seconds")) var healthCheckGracePeriodSeconds: Int?
        @Option(name: .customLong("tags"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var tags: [String] = []

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["serviceName"] = try serviceName.map(ActionInput.text)
            fields["taskDefinition"] = try taskDefinition.map(ActionInput.text)
            fields["desiredCount"] = desiredCount.map { .number(Double($0)) }
            fields["launchType"] = try launchType.map(ActionInput.text)
            if let deploymentConfiguration { fields["deploymentConfiguration"] = try ActionInput.structure(deploymentConfiguration, option: "--deployment-configuration") }
            if !placementConstraints.isEmpty { fields["placementConstraints"] = try ActionInput.list(placementConstraints, option: "--placement-constraints") }
            if !placementStrategy.isEmpty { fields["placementStrategy"] = try ActionInput.list(placementStrategy, option: "--placement-strategy") }
            fields["schedulingStrategy"] = try schedulingStrategy.map(ActionInput.text)
            fields["propagateTags"] = try propagateTags.map(ActionInput.text)
            fields["healthCheckGracePeriodSeconds"] = healthCheckGracePeriodSeconds.map { .number(Double($0)) }
            if !tags.isEmpty { fields["tags"] = try ActionInput.list(tags, option: "--tags") }
            try await ActionCall.run("CreateService", global: global, input: input, fields: fields)
        }
    }
}
