import ArgumentParser
import Orchestrator

extension Ecs {
    struct UpdateService: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update-service", abstract: "Change a service's desired count, task definition or deployment settings.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: ActionInput
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("service")) var service: String?
        @Option(name: .customLong("desired-count"), parsing: .unconditional) var desiredCount: Int?
        @Option(name: .customLong("task-definition")) var taskDefinition: String?
        @Option(name: .customLong("deployment-configuration"), help: "JSON, file://PATH, or shorthand k=v,k2=v2") var deploymentConfiguration: String?
        @Option(name: .customLong("placement-constraints"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementConstraints: [String] = []
        @Option(name: .customLong("placement-strategy"), parsing: .upToNextOption, help: "JSON list, file://PATH, or shorthand items k=v,k2=v2 ...") var placementStrategy: [String] = []
        @Flag(name: .customLong("force-new-deployment")) var forceNewDeployment = false
        @Option(name: .customLong("health-check-grace-period-seconds")) var healthCheckGracePeriodSeconds: Int?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            fields["cluster"] = try cluster.map(ActionInput.text)
            fields["service"] = try service.map(ActionInput.text)
            fields["desiredCount"] = desiredCount.map { .number(Double($0)) }
            fields["taskDefinition"] = try taskDefinition.map(ActionInput.text)
            if let deploymentConfiguration { fields["deploymentConfiguration"] = try ActionInput.structure(deploymentConfiguration, option: "--deployment-configuration") }
            if !placementConstraints.isEmpty { fields["placementConstraints"] = try ActionInput.list(placementConstraints, option: "--placement-constraints") }
            if !placementStrategy.isEmpty { fields["placementStrategy"] = try ActionInput.list(placementStrategy, option: "--placement-strategy") }
            if forceNewDeployment { fields["forceNewDeployment"] = .bool(true) }
            fields["healthCheckGracePeriodSeconds"] = healthCheckGracePeriodSeconds.map { .number(Double($0)) }
            try await ActionCall.run("UpdateService", global: global, input: input, fields: fields)
        }
    }
}
