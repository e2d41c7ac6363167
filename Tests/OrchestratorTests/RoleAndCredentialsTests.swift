import Foundation
import Testing
@testable import Orchestrator

@Suite struct RoleAndCredentialsTests {
    let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#

    @Test func roleLifecycle() async throws {
        let h = try Harness()
        let role = try await h.o.createRole(.init(RoleName: "app", Description: "d", MaxSessionDuration: 7200)).Role
        #expect(role.Arn == "arn:aws:iam::000000000000:role/app")
        #expect(role.RoleId.hasPrefix("AROA"))
        await expectError("EntityAlreadyExists") { _ = try await h.o.createRole(.init(RoleName: "app")) }
        await expectError("ValidationError") { _ = try await h.o.createRole(.init(RoleName: "x", MaxSessionDuration: 60)) }
        await expectError("MalformedPolicyDocument") { _ = try await h.o.createRole(.init(RoleName: "y", AssumeRolePolicyDocument: "{")) }
        _ = try await h.o.updateRole(.init(RoleName: "app", Description: "new", MaxSessionDuration: 3600))
        let got = try await h.o.getRole(.init(RoleName: "app")).Role
        #expect(got.Description == "new" && got.MaxSessionDuration == 3600)
        await expectError("NoSuchEntity") { _ = try await h.o.getRole(.init(RoleName: "ghost")) }
        _ = try await h.o.putRolePolicy(.init(RoleName: "app", PolicyName: "read", PolicyDocument: policy))
        _ = try await h.o.putRolePolicy(.init(RoleName: "app", PolicyName: "also", PolicyDocument: policy))
        await expectError("MalformedPolicyDocument") { _ = try await h.o.putRolePolicy(.init(RoleName: "app", PolicyName: "bad", PolicyDocument: #"{"Version":"1"}"#)) }
        await expectError("NoSuchEntity") { _ = try await h.o.putRolePolicy(.init(RoleName: "ghost", PolicyName: "p", PolicyDocument: policy)) }
        #expect(try await h.o.listRolePolicies(.init(RoleName: "app")).PolicyNames == ["also", "read"])
        #expect(try await h.o.getRolePolicy(.init(RoleName: "app", PolicyName: "read")).PolicyDocument == policy)
        await expectError("NoSuchEntity") { _ = try await h.o.getRolePolicy(.init(RoleName: "app", PolicyName: "none")) }
        await expectError("DeleteConflict") { _ = try await h.o.deleteRole(.init(RoleName: "app")) }
        _ = try await h.o.deleteRolePolicy(.init(RoleName: "app", PolicyName: "read"))
        _ = try await h.o.deleteRolePolicy(.init(RoleName: "app", PolicyName: "also"))
        await expectError("NoSuchEntity") { _ = try await h.o.deleteRolePolicy(.init(RoleName: "app", PolicyName: "also")) }
        _ = try await h.o.deleteRole(.init(RoleName: "app"))
        await expectError("NoSuchEntity") { _ = try await h.o.deleteRole(.init(RoleName: "app")) }
    }

    @Test func credentialsOnlyForTheTaskItself() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        let role = try await h.o.createRole(.init(RoleName: "app", MaxSessionDuration: 3600)).Role
        try await h.taskDefinition("withrole", roleArn: role.Arn)
        try await h.taskDefinition("norole")
        let a = try await h.o.runTask(.init(taskDefinition: "withrole")).tasks[0]
        let b = try await h.o.runTask(.init(taskDefinition: "withrole")).tasks[0]
        let plain = try await h.o.runTask(.init(taskDefinition: "norole")).tasks[0]
        // The containers were given the token and the relative URI.
        let spec = try #require(h.driver.launchedSpecs.first { $0.taskArn == a.taskArn })
        let token = try #require(spec.containers[0].environment["ECSFORM_CREDENTIALS_TOKEN"])
        #expect(spec.containers[0].environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] == "/v2/credentials/\(ARN.lastComponent(a.taskArn))")
        #expect(h.driver.launchedSpecs.first { $0.taskArn == plain.taskArn }?.containers[0].environment["ECSFORM_CREDENTIALS_TOKEN"] == nil)
        let before = Date()
        let creds = try await h.o.getTaskCredentials(.init(taskArn: a.taskArn, credentialsToken: token))
        #expect(creds.RoleArn == role.Arn)
        #expect(creds.Credentials.AccessKeyId.hasPrefix("ASIA"))
        #expect(!creds.Credentials.SecretAccessKey.isEmpty && !creds.Credentials.SessionToken.isEmpty)
        let expiry = try Date(creds.Credentials.Expiration, strategy: .iso8601)
        #expect(expiry.timeIntervalSince(before) <= 3600 + 1)
        #expect(expiry > before)
        // Another task's ARN with this token, a wrong token, a stopped task: refused.
        await expectError("AccessDeniedException") { _ = try await h.o.getTaskCredentials(.init(taskArn: b.taskArn, credentialsToken: token)) }
        await expectError("AccessDeniedException") { _ = try await h.o.getTaskCredentials(.init(taskArn: a.taskArn, credentialsToken: String(repeating: "0", count: 64))) }
        await expectError("ClientException") {
            _ = try await h.o.getTaskCredentials(.init(taskArn: plain.taskArn, credentialsToken: h.o.credentialsToken(forTask: plain.taskArn)))
        }
        _ = try await h.o.stopTask(.init(task: a.taskArn))
        await expectError("AccessDeniedException") { _ = try await h.o.getTaskCredentials(.init(taskArn: a.taskArn, credentialsToken: token)) }
        // Expiration never exceeds the role's maximum session.
        _ = try await h.o.updateRole(.init(RoleName: "app", MaxSessionDuration: 3600))
        let long = try await h.o.getTaskCredentials(.init(taskArn: b.taskArn, credentialsToken: h.o.credentialsToken(forTask: b.taskArn), durationSeconds: 40000))
        #expect(try Date(long.Credentials.Expiration, strategy: .iso8601).timeIntervalSinceNow <= 3600)
    }
}
