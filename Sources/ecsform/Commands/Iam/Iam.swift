import ArgumentParser

/// `ecsform iam ACTION`: the orchestrator's IAM-shaped task role actions (as `aws iam`).
struct Iam: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iam",
        abstract: "Manage task roles and their inline policies (as `aws iam` does).",
        subcommands: [
            CreateRole.self, GetRole.self, UpdateRole.self, DeleteRole.self,
            PutRolePolicy.self, GetRolePolicy.self, DeleteRolePolicy.self, ListRolePolicies.self,
        ]
    )
}
