import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// `batchRead` answers what the single describe actions answer, and the fast body decoding it
/// uses gives exactly what JSONDecoder gives.
@Suite struct BatchReadTests {
    static let awkward = "quote \" back\\slash tab\t newline\n é 😀 \u{1}"

    /// A cluster with instances, a role with policies, a task definition using most fields and
    /// a secret, and a running service with deployments and events.
    func world(_ h: Harness) async throws -> (td: String, secret: String) {
        try await h.cluster("shop", instances: 2, cpu: 4096, memory: 8192, attributes: [[Attribute(name: "zone", value: "a")]])
        _ = try await h.o.tagResource(.init(resourceArn: ARN.cluster("shop"), tags: [Tag(key: "team", value: Self.awkward)]))
        var role = CreateRoleRequest(RoleName: "app", Description: Self.awkward, MaxSessionDuration: 7200)
        role.Tags = [IAMTag(Key: "k", Value: "v")]
        _ = try await h.o.createRole(role)
        _ = try await h.o.putRolePolicy(.init(RoleName: "app", PolicyName: "b", PolicyDocument: #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#))
        _ = try await h.o.putRolePolicy(.init(RoleName: "app", PolicyName: "a", PolicyDocument: #"{"Statement":{"Effect":"Deny","Action":"x:y","Resource":"*"}}"#))
        let secret = try await h.o.createSecret(.init(Name: "db/password", SecretString: "hunter2")).ARN
        let c = ContainerDefinition(
            name: "app", image: "nginx:1", cpu: 128, memory: 256, memoryReservation: 128, essential: true,
            portMappings: [PortMapping(containerPort: 80, hostPort: 0, protocol: "tcp", name: "http")],
            command: ["/bin/sh", "-c", Self.awkward], entryPoint: [], environment: [KeyValuePair(name: "MODE", value: Self.awkward)],
            secrets: [SecretReference(name: "DB", valueFrom: secret), SecretReference(name: "GONE", valueFrom: "no/such")],
            healthCheck: HealthCheck(command: ["CMD", "true"], interval: 10, timeout: 2, retries: 3, startPeriod: 0),
            workingDirectory: "/srv", dockerLabels: ["a": "1", "b": Self.awkward], links: nil)
        let side = ContainerDefinition(name: "side", image: "busybox", essential: false)
        let td = try await h.o.registerTaskDefinition(.init(
            family: "web", containerDefinitions: [c, side], taskRoleArn: ARN.role("app"), networkMode: "bridge",
            requiresCompatibilities: ["EC2"], cpu: "256", memory: "512", tags: [Tag(key: "t", value: "1")],
            placementConstraints: [TaskDefinitionPlacementConstraint(type: "memberOf", expression: "attribute:zone == a")]))
        _ = try await h.o.createService(.init(
            cluster: "shop", serviceName: "web", taskDefinition: td.taskDefinition.taskDefinitionArn, desiredCount: 2, launchType: "EC2",
            deploymentConfiguration: DeploymentConfiguration(deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: true, rollback: false),
                                                             maximumPercent: 200, minimumHealthyPercent: 50),
            placementConstraints: [PlacementConstraint(type: "distinctInstance")],
            placementStrategy: [PlacementStrategy(type: "spread", field: "attribute:zone"), PlacementStrategy(type: "random")],
            tags: [Tag(key: "s", value: nil)]))
        return (td.taskDefinition.taskDefinitionArn, secret)
    }

    @Test func answersWhatTheDescribeActionsAnswer() async throws {
        let h = try Harness()
        let (td, secret) = try await world(h)
        let r = try await h.o.batchRead(BatchReadRequest(
            clusters: ["shop", ARN.cluster("nope")], services: [ARN.service(cluster: "shop", name: "web"), "shop/none", "nope/web", "junk"],
            taskDefinitions: [td, "web", "web:9", "web:x"], roles: [ARN.role("app"), "nobody"]))

        var cluster = try #require(try await h.o.describeClusters(.init(clusters: ["shop"], include: ["TAGS"])).clusters.first)
        cluster.registeredContainerInstancesCount = 0
        cluster.runningTasksCount = 0
        cluster.pendingTasksCount = 0
        cluster.activeServicesCount = 0
        #expect(r.clusters["shop"]?.cluster == cluster)
        let arns = try await h.o.listContainerInstances(.init(cluster: "shop")).containerInstanceArns
        let instances = try await h.o.describeContainerInstances(.init(cluster: "shop", containerInstances: arns)).containerInstances.map {
            var ci = $0
            ci.runningTasksCount = 0
            ci.pendingTasksCount = 0
            return ci
        }
        #expect(r.clusters["shop"]?.containerInstances == instances)
        #expect(r.clusters[ARN.cluster("nope")] == nil)

        var describe = DescribeServicesRequest(cluster: "shop", services: ["web"])
        describe.include = ["TAGS"]
        let service = try #require(try await h.o.describeServices(describe).services.first)
        #expect(!service.events.isEmpty && !service.deployments.isEmpty)
        #expect(r.services[ARN.service(cluster: "shop", name: "web")] == service)
        #expect(r.services["shop/none"] == nil && r.services["nope/web"] == nil)
        #expect(r.errors["junk"]?.type == "InvalidParameterException")

        let described = try await h.o.describeTaskDefinition(.init(taskDefinition: td, include: ["TAGS"]))
        #expect(r.taskDefinitions[td]?.taskDefinition == described.taskDefinition)
        #expect(r.taskDefinitions[td]?.tags == described.tags)
        #expect(r.taskDefinitions["web"]?.taskDefinition == described.taskDefinition)
        #expect(r.taskDefinitions[td]?.secrets[secret] == (try await h.o.describeSecret(.init(SecretId: secret))))
        #expect(r.taskDefinitions[td]?.secrets["no/such"] == nil)
        #expect(r.taskDefinitions["web:9"] == nil)
        #expect(r.errors["web:x"]?.message.contains("Invalid revision number") == true)

        let role = try await h.o.getRole(.init(RoleName: "app")).Role
        #expect(r.roles[ARN.role("app")]?.role == role)
        #expect(r.roles[ARN.role("app")]?.policies.map(\.name) == ["a", "b"])
        let doc = try await h.o.getRolePolicy(.init(RoleName: "app", PolicyName: "b")).PolicyDocument
        #expect(r.roles[ARN.role("app")]?.policies.last?.document == doc)
        #expect(r.roles["nobody"] == nil)
    }

    @Test func lastAuditRecordsAreTheNewestOfEach() async throws {
        let h = try Harness()
        _ = try await world(h)
        _ = try await h.o.updateService(.init(cluster: "shop", service: "web", desiredCount: 1))
        let arns = [ARN.service(cluster: "shop", name: "web"), ARN.role("app"), ARN.cluster("never")]
        let batch = try await h.o.lastAuditRecords(resourceArns: arns)
        for arn in arns {
            let one = try await h.o.listAuditRecords(.init(resourceArn: arn, maxResults: 1)).auditRecords.first
            #expect(batch[arn] == one)
        }
        #expect(batch[arns[0]]?.action == "UpdateService")
        #expect(batch[arns[2]] == nil)
    }

    /// Every stored body, read by the cursor, equals JSONDecoder's reading of it.
    @Test func fastDecodingEqualsJSONDecoder() async throws {
        let h = try Harness()
        _ = try await world(h)
        try await h.o.store.read { db in
            func check<T: FastBodyDecodable & Equatable>(_ type: T.Type, _ table: String) throws {
                let rows = try Row.fetchAll(db, sql: "SELECT body FROM \(table)")
                #expect(!rows.isEmpty, "\(table)")
                for row in rows {
                    let data: Data = row["body"]
                    let fast = try JSONCursor.read(data) { try T(cursor: &$0) }
                    #expect(fast == (try ECSJSON.decoder().decode(T.self, from: data)), "\(table)")
                }
            }
            try check(Cluster.self, "cluster")
            try check(ContainerInstance.self, "containerInstance")
            try check(Service.self, "service")
            try check(ECSTask.self, "task")
            try check(TaskDefinition.self, "taskDefinition")
            try check(Role.self, "role")
            try check(SecretMetadata.self, "secret")
        }
    }

    @Test func unexpectedBodiesFallBackToJSONDecoder() throws {
        let decoder = ECSJSON.decoder()
        // Nulls, unknown members, spacing and escapes: the cursor reads them; same value.
        let odd = Data(#"{ "key" : "a\u00e9\"b" , "value" : null, "extra": [1, {"x": [true, false, null]}, -2.5e3] }"#.utf8)
        let fast = try JSONCursor.read(odd) { try Tag(cursor: &$0) }
        #expect(fast == Tag(key: "a\u{e9}\"b", value: nil))
        #expect(try Tag.decodeBody(odd, fallback: decoder) == (try decoder.decode(Tag.self, from: odd)))
        // A number JSONDecoder accepts for an Int but the cursor does not: decoded by the fallback.
        let float = Data(#"{"name":"CPU","type":"INTEGER","integerValue":2.0}"#.utf8)
        #expect(throws: JSONCursor.Mismatch.self) { try JSONCursor.read(float) { try Resource(cursor: &$0) } }
        let viaFallback = try? Resource.decodeBody(float, fallback: decoder)
        let viaDecoder = try? decoder.decode(Resource.self, from: float)
        #expect(viaFallback == viaDecoder)
        // Missing required members and wrong types: JSONDecoder's own error, as before.
        let missing = Data(#"{"value":"v"}"#.utf8)
        #expect(throws: DecodingError.self) { try Tag.decodeBody(missing, fallback: decoder) }
        let wrong = Data(#"{"key":1}"#.utf8)
        #expect(throws: DecodingError.self) { try Tag.decodeBody(wrong, fallback: decoder) }
        #expect(throws: (any Error).self) { try Tag.decodeBody(Data(#"{"key":"k"} trailing"#.utf8), fallback: decoder) }
    }

    @Test(arguments: [("arn:aws:ecs:local:0:task-definition/web:3", "web:3"), ("arn:aws:iam::0:role/path/app", "app"),
                      ("arn:x/", "arn:x"), ("arn:a//b//", "b"), ("arn:nothing", "arn:nothing"), ("arn:", "arn:"),
                      ("arn:/", "arn:"), ("arn:é/ü", "ü"), ("cluster/name", "cluster/name")])
    func lastComponentOfARN(_ text: String, _ expected: String) {
        #expect(ARN.lastComponent(text) == expected)
    }

    /// The byte scans answer exactly as splitting on characters does, for ASCII and for text
    /// whose characters span several bytes or join a `/` or `:` in one grapheme.
    @Test(arguments: ["arn:aws:ecs:local:000000000000:service/shop/web", "shop/web", "service/shop/web", "arn:aws:ecs:local:0:service/a/b/c",
                      "arn:aws:ecs:local:0:cluster/shop", "arn::::::service/a/b", "arn:a:b:c:d:e:f:service/x/y", "arn:a:b:c:d:e/f:g/h",
                      "arn:a::b:c:d:e:service/x/y", "arn:service/x/y", "arn:", "arn", "", "/", "//a//b//", "service//a/b", "service",
                      "arn:a:b:c:d:service/x/y/", "arn:aws:ecs:local:0:services/x/y", "arn:aws:ecs:local:0:task/shop/abc", "arn:x/",
                      "arn:a//b//", "arn:nothing", "arn:/", "arn:é/ü", "é/ü", "arn:a:b:c:d:e:service/é/ü", "arn:x/\u{0600}/y",
                      "arn:x\u{0600}/y", "arn:x/y\u{301}", "arn:x/\u{301}y", "shop/we\u{301}b", "arn:\u{301}:a:b:c:d:service/x/y"])
    func byteScansMatchCharacterSplits(_ text: String) {
        #expect(ARN.lastComponent(text) == ARN.lastComponentByCharacter(text))
        let fast = ARN.serviceParts(text), slow = ARN.servicePartsByCharacter(text)
        #expect(fast?.cluster == slow?.cluster && fast?.name == slow?.name)
        #expect((fast == nil) == (slow == nil))
    }

    /// With a key, every object found has a fingerprint; read again with those as
    /// `ifNoneMatch`, nothing is decoded, and the answer without a key is the same as before.
    @Test func conditionalReadsAnswerUnchangedUntilARowChanges() async throws {
        let h = try Harness()
        let (td, secret) = try await world(h)
        let service = ARN.service(cluster: "shop", name: "web")
        var request = BatchReadRequest(clusters: ["shop"], services: [service], taskDefinitions: [td, "web"], roles: [ARN.role("app")],
                                       fingerprintKey: Data("key".utf8))
        let plain = try await h.o.batchRead(BatchReadRequest(clusters: request.clusters, services: request.services,
                                                             taskDefinitions: request.taskDefinitions, roles: request.roles))
        let first = try await h.o.batchRead(request)
        #expect(first.fingerprints.count == 5)
        #expect(first.unchanged.isEmpty)
        #expect(first.clusters == plain.clusters && first.services == plain.services && first.roles == plain.roles)
        #expect(first.taskDefinitions == plain.taskDefinitions)
        request.ifNoneMatch = first.fingerprints
        let second = try await h.o.batchRead(request)
        #expect(second.unchanged == Set(first.fingerprints.keys))
        #expect(second.clusters.isEmpty && second.services.isEmpty && second.taskDefinitions.isEmpty && second.roles.isEmpty)

        // The referenced secret's value changes: both references to the revision read in full,
        // as without a key, and get new fingerprints.
        _ = try await h.o.putSecretValue(.init(SecretId: secret, SecretString: "rotated"))
        let third = try await h.o.batchRead(request)
        let plainNow = try await h.o.batchRead(BatchReadRequest(taskDefinitions: [td, "web"]))
        #expect(third.unchanged == Set(first.fingerprints.keys.filter { $0.kind != .taskDefinition }))
        #expect(third.taskDefinitions == plainNow.taskDefinitions)
        #expect(third.fingerprints[BatchReadKey(.taskDefinition, td)] != first.fingerprints[BatchReadKey(.taskDefinition, td)])
        // Another key: nothing matches.
        request.fingerprintKey = Data("other".utf8)
        #expect(try await h.o.batchRead(request).unchanged.isEmpty)
    }

    @Test func secretReferencesAreScannedOrParsed() throws {
        let decoder = ECSJSON.decoder()
        func refs(_ json: String) throws -> [String] { try BatchReader.secretReferences(in: Data(json.utf8), decoder: decoder) }
        let plain = #"{"containerDefinitions":[{"name":"a","secrets":[{"name":"X","valueFrom":"s/1"},{"valueFrom":"s/2","name":"Y"}]},{"name":"b"}]}"#
        #expect(BatchReader.scanValueFroms(Data(plain.utf8)) == ["s/1", "s/2"])
        #expect(try refs(plain) == ["s/1", "s/2"])
        // `valueFrom` elsewhere, spaced, or escaped: the scan declines and the parser answers.
        let elsewhere = #"{"containerDefinitions":[{"environment":[{"name":"valueFrom","value":"x"}],"secrets":[{"name":"X","valueFrom":"s/1"}]}]}"#
        #expect(BatchReader.scanValueFroms(Data(elsewhere.utf8)) == nil)
        #expect(try refs(elsewhere) == ["s/1"])
        let spaced = #"{"containerDefinitions": [{"secrets": [{"name": "X", "valueFrom" : "s/1"}]}]}"#
        #expect(BatchReader.scanValueFroms(Data(spaced.utf8)) == nil)
        #expect(try refs(spaced) == ["s/1"])
        let escaped = #"{"containerDefinitions":[{"secrets":[{"name":"X","valueFrom":"s\/1"}]}]}"#
        #expect(BatchReader.scanValueFroms(Data(escaped.utf8)) == nil)
        #expect(try refs(escaped) == ["s/1"])
        #expect(BatchReader.scanValueFroms(Data(#"{"containerDefinitions":[]}"#.utf8)) == [])
    }

    @Test func paddingIsWhatCharacterSetWhitespacesSays() {
        for ref in ["web:1", " web:1", "web:1\t", "\u{A0}web:1", "web:1\u{2003}", "é", "web\n", "", " ", "\u{85}x"] {
            let expected = ref.unicodeScalars.first.map(CharacterSet.whitespaces.contains) == true
                || ref.unicodeScalars.last.map(CharacterSet.whitespaces.contains) == true
            #expect(BatchReader.isPadded(ref) == expected, "\(ref.debugDescription)")
        }
    }
}
