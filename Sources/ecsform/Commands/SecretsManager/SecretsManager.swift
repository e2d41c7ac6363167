import ArgumentParser

/// `ecsform secretsmanager ACTION`: the orchestrator's secret store (as `aws secretsmanager`).
struct SecretsManager: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secretsmanager",
        abstract: "Store secrets that task definitions reference in `secrets[].valueFrom`.",
        subcommands: [CreateSecret.self, PutSecretValue.self, DescribeSecret.self, DeleteSecret.self, ListSecrets.self]
    )
}
