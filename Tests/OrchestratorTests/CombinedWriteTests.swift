import Foundation
import Testing
@testable import Orchestrator

/// The actions that make several API-shaped changes in one transaction: a role with its inline
/// policies, a revision with its secrets. They must read, and audit, as the separate actions do.
@Suite struct CombinedWriteTests {
    let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#

    @Test func roleWithPoliciesReadsAndAuditsAsSeparateActions() async throws {
        let h = try Harness()
        let role = try await h.o.createRole(.init(RoleName: "app", Description: "d"),
                                            policies: [.init(RoleName: "app", PolicyName: "read", PolicyDocument: policy)]).Role
        #expect(try await h.o.getRole(.init(RoleName: "app")).Role.Arn == role.Arn)
        #expect(try await h.o.listRolePolicies(.init(RoleName: "app")).PolicyNames == ["read"])
        #expect(try await h.o.getRolePolicy(.init(RoleName: "app", PolicyName: "read")).PolicyDocument == policy)
        let records = try await h.o.listAuditRecords(.init(resourceArn: role.Arn)).auditRecords
        #expect(records.map(\.action) == ["PutRolePolicy", "CreateRole"])
    }

    @Test func roleWithPoliciesFailsWhole() async throws {
        let h = try Harness()
        _ = try await h.o.createRole(.init(RoleName: "app"))
        // Taken name: nothing written, not even the policy.
        await expectError("EntityAlreadyExists") {
            _ = try await h.o.createRole(.init(RoleName: "app"), policies: [.init(RoleName: "app", PolicyName: "p", PolicyDocument: policy)])
        }
        #expect(try await h.o.listRolePolicies(.init(RoleName: "app")).PolicyNames.isEmpty)
        // A bad policy, or one for another role: the role is not created.
        await expectError("MalformedPolicyDocument") {
            _ = try await h.o.createRole(.init(RoleName: "other"), policies: [.init(RoleName: "other", PolicyName: "p", PolicyDocument: "{}")])
        }
        await expectError("ValidationError") {
            _ = try await h.o.createRole(.init(RoleName: "other"), policies: [.init(RoleName: "app", PolicyName: "p", PolicyDocument: policy)])
        }
        await expectError("NoSuchEntity") { _ = try await h.o.getRole(.init(RoleName: "other")) }
    }

    private func container(secret: String?) -> ContainerDefinition {
        ContainerDefinition(
            name: "app", image: "nginx:1", cpu: 256, memory: 512, memoryReservation: nil, essential: true,
            portMappings: nil, command: nil, entryPoint: nil, environment: nil,
            secrets: secret.map { [SecretReference(name: "DB", valueFrom: ARN.secret($0))] },
            healthCheck: nil, workingDirectory: nil, dockerLabels: nil, links: nil)
    }

    @Test func revisionWithSecretsReadsAndAuditsAsSeparateActions() async throws {
        let h = try Harness()
        let td = try await h.o.registerTaskDefinition(
            .init(family: "web", containerDefinitions: [container(secret: "db/pw")]),
            secrets: [.init(Name: "db/pw", SecretString: "hunter2")]).taskDefinition
        #expect(td.revision == 1)
        let meta = try await h.o.describeSecret(.init(SecretId: "db/pw"))
        #expect(meta.ARN == ARN.secret("db/pw") && meta.CreatedDate == meta.LastChangedDate)
        #expect(try await h.o.describeTaskDefinition(.init(taskDefinition: "web")).taskDefinition.taskDefinitionArn == td.taskDefinitionArn)
        let secretRecords = try await h.o.listAuditRecords(.init(resourceArn: meta.ARN)).auditRecords
        #expect(secretRecords.map(\.action) == ["CreateSecret"])
        // The value is redacted in the log as CreateSecret's own record is.
        #expect(!String(decoding: try ECSJSON.encode(secretRecords[0].request), as: UTF8.self).contains("hunter2"))
        let tdRecords = try await h.o.listAuditRecords(.init(resourceArn: td.taskDefinitionArn)).auditRecords
        #expect(tdRecords.map(\.action) == ["RegisterTaskDefinition"])
    }

    @Test func revisionWithSecretsFailsWhole() async throws {
        let h = try Harness()
        _ = try await h.o.createSecret(.init(Name: "db/pw", SecretString: "old"))
        await expectError("ResourceExistsException") {
            _ = try await h.o.registerTaskDefinition(
                .init(family: "web", containerDefinitions: [container(secret: "db/pw")]),
                secrets: [.init(Name: "db/new", SecretString: "a"), .init(Name: "db/pw", SecretString: "b")])
        }
        // Neither the first secret nor the revision was written.
        await expectError("ResourceNotFoundException") { _ = try await h.o.describeSecret(.init(SecretId: "db/new")) }
        #expect(try await h.o.listTaskDefinitions(.init(familyPrefix: "web")).taskDefinitionArns.isEmpty)
    }

    @Test func listTaskDefinitionsOfOneFamily() async throws {
        let h = try Harness()
        _ = try await h.taskDefinition("web")
        _ = try await h.taskDefinition("api")
        _ = try await h.taskDefinition("web")
        _ = try await h.o.deregisterTaskDefinition(.init(taskDefinition: "web:1"))
        #expect(try await h.o.listTaskDefinitions(.init(familyPrefix: "web")).taskDefinitionArns == [ARN.taskDefinition("web", 2)])
        #expect(try await h.o.listTaskDefinitions(.init(familyPrefix: "web", status: "INACTIVE")).taskDefinitionArns == [ARN.taskDefinition("web", 1)])
        #expect(try await h.o.listTaskDefinitions(.init(familyPrefix: "web", sort: "DESC")).taskDefinitionArns == [ARN.taskDefinition("web", 2)])
        #expect(try await h.o.listTaskDefinitions(.init()).taskDefinitionArns == [ARN.taskDefinition("api", 1), ARN.taskDefinition("web", 2)])
    }

    @Test func auditTimestampIsISO8601ToTheSecond() {
        let dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.999),
                     Date(timeIntervalSince1970: 951_782_400.5), Date(timeIntervalSince1970: 4_102_444_799.25), Date()]
        for d in dates { #expect(AuditLog.timestamp(d) == d.formatted(.iso8601)) }
    }
}

@Suite struct AuditRedactionScanTests {
    @Test func findsSecretMembersOnlyAsQuotedNames() {
        #expect(AuditLog.mentionsSecretKey(Data(#"{"Name":"a","SecretString":"x"}"#.utf8)))
        #expect(AuditLog.mentionsSecretKey(Data(#"{"credentialsToken":"t"}"#.utf8)))
        #expect(!AuditLog.mentionsSecretKey(Data(#"{"Name":"SecretString is a word","x":"SessionTokens"}"#.utf8)))
        #expect(!AuditLog.mentionsSecretKey(Data(#"{"Name":"\"SecretStrin"#.utf8)))
        #expect(!AuditLog.mentionsSecretKey(Data()))
    }
}
