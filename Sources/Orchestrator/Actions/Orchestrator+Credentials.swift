import Foundation
import GRDB

extension Orchestrator {
    /// Temporary credentials for a task's role. Only the task itself can obtain them: it must
    /// present the token its containers were given, and must not be stopped.
    public func getTaskCredentials(_ r: GetTaskCredentialsRequest) async throws -> GetTaskCredentialsResponse {
        let expected = TaskLaunchSpecBuilder.credentialsToken(taskArn: r.taskArn, key: sealer)
        guard Self.constantTimeEqual(expected, r.credentialsToken) else {
            throw ECSError.accessDenied("The credentials token is not valid for task \(r.taskArn).")
        }
        return try await read { db in
            guard let t = try ECSTask.fetchOne(db, key: r.taskArn) else {
                throw ECSError.accessDenied("The credentials token is not valid for task \(r.taskArn).")
            }
            guard t.desiredStatus == "RUNNING", t.lastStatus != "STOPPED" else {
                throw ECSError.accessDenied("Task \(t.taskArn) is stopped; its credentials are no longer issued.")
            }
            guard let td = try TaskDefinition.fetchOne(db, key: t.taskDefinitionArn),
                  let roleArn = t.overrides?.taskRoleArn ?? td.taskRoleArn else {
                throw ECSError.client("Task \(t.taskArn) has no task role.")
            }
            let role = try Self.role(db, roleArn)
            let seconds = min(r.durationSeconds ?? 3600, role.MaxSessionDuration)
            guard seconds >= 900 else { throw ECSError.validation("durationSeconds must be at least 900.") }
            let creds = Credentials(
                AccessKeyId: "ASIA" + IDs.alnum(16), SecretAccessKey: IDs.alnum(40, upper: false),
                SessionToken: IDs.alnum(356, upper: false), Expiration: Date().addingTimeInterval(TimeInterval(seconds)).formatted(.iso8601))
            return GetTaskCredentialsResponse(Credentials: creds, RoleArn: role.Arn)
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// The token a task's containers receive as `ECSFORM_CREDENTIALS_TOKEN`. Exposed so the
    /// runtime side (and tests) can hand it to the task; never printed by any action.
    public func credentialsToken(forTask taskArn: String) -> String {
        TaskLaunchSpecBuilder.credentialsToken(taskArn: taskArn, key: sealer)
    }
}
