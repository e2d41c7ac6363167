import Engine
import Foundation
import LocalProvider
import Orchestrator
import StackConfig
import Testing

/// `readResources` (one orchestrator `batchRead` per batch) must answer exactly what `read`
/// answers item by item: in sync, changed out of band, gone, and refused.
@Suite struct ReadResourcesTests {
    /// One object of every type, as state would hold them (secrets as keyed hashes).
    func world(_ h: Harness) async throws -> [ReadRequest] {
        let hasher = SensitiveHasher(keyText: "batch")
        var out: [ReadRequest] = []
        func add(_ addr: String, _ attrs: [String: Value]) async throws -> CreateResponse {
            let created = try await h.create(addr, attrs)
            out.append(ReadRequest(address: h.address(addr), id: created.id, priorAttributes: hasher.fingerprint(created.attributes)))
            return created
        }
        _ = try await add("cluster.back", [
            "name": .s("back"), "capacity": .s("ec2"),
            "instances": .map(["count": .int(2), "cpu": .int(2048), "memory": .int(4096), "attributes": .map(["zone": .s("a")])]),
            "tags": .map(["team": .s("shop")]),
        ])
        _ = try await add("cluster.front", ["name": .s("front")])
        let role = try await add("task_role.worker", [
            "name": .s("worker-role"), "description": .s("reads the queue"),
            "policies": .list([.map(["effect": .s("allow"), "actions": .list([.s("sqs:ReceiveMessage")]), "resources": .list([.s("*")])])]),
            "tags": .map(["team": .s("shop")]),
        ])
        _ = try await add("task_role.idle", ["name": .s("idle-role")])
        let td = try await add("task_definition.web", [
            "family": .s("web"), "cpu": .int(256), "memory": .int(512), "task_role": .s(role.id),
            "containers": .list([.map(["name": .s("web"), "image": .s("web:1"), "memory": .int(256),
                                       "ports": .list([.map(["container": .int(8080)])]),
                                       "secrets": .map(["TOKEN": .sensitive(.s("s3cret")), "OTHER": .sensitive(.s("x"))])])]),
        ])
        _ = try await add("task_definition.old", [
            "family": .s("old"), "cpu": .int(256), "memory": .int(512),
            "containers": .list([.map(["name": .s("old"), "image": .s("old:1"), "memory": .int(256)])]),
        ])
        _ = try await add("service.web", [
            "name": .s("web"), "cluster": .s("front"), "task_definition": .s(td.id), "desired_count": .int(1),
            "tags": .map(["team": .s("shop")]),
        ])
        _ = try await add("service.other", [
            "name": .s("other"), "cluster": .s("front"), "task_definition": .s(td.id), "desired_count": .int(1),
        ])
        return out
    }

    /// What one read answered.
    enum Outcome: Equatable {
        case found([String: Value])
        case gone
        case failed(String)

        init(_ attributes: [String: Value]?) { self = attributes.map(Outcome.found) ?? .gone }
        var isFailure: Bool { if case .failed = self { true } else { false } }
        var text: String {
            switch self {
            case .found(let a): return "\(Value.map(a).canonicalJSON)"
            case .gone: return "gone"
            case .failed(let e): return "error: \(e)"
            }
        }
    }

    /// Item by item through `read`.
    func oneByOne(_ h: Harness, _ items: [ReadRequest]) async -> [Outcome] {
        var out: [Outcome] = []
        for item in items {
            do {
                out.append(Outcome(try await h.provider.read(item).attributes))
            } catch {
                out.append(.failed("\(error)"))
            }
        }
        return out
    }

    func batched(_ h: Harness, _ items: [ReadRequest]) async -> [Outcome] {
        await h.provider.readResources(ReadResourcesRequest(resources: items)).results.map { result in
            switch result {
            case .success(let r): return Outcome(r.attributes)
            case .failure(let e): return .failed("\(e)")
            }
        }
    }

    @Test func inSyncBatchEqualsReads() async throws {
        let h = try Harness()
        let items = try await world(h)
        let one = await oneByOne(h, items)
        #expect(one.allSatisfy { !$0.isFailure && $0 != .gone })
        #expect(await batched(h, items) == one)
        // The state's own attributes come back: nothing drifted.
        for (item, text) in zip(items, one) {
            let differ = Differ(hasher: SensitiveHasher(keyText: "batch"))
            let read = await h.provider.readResources(ReadResourcesRequest(resources: [item])).results[0]
            let attrs = try #require(try read.get().attributes, "\(item.address): \(text.text)")
            #expect(differ.changedAttributes(before: item.priorAttributes, after: attrs).isEmpty, "\(item.address)")
        }
    }

    @Test func outOfBandChangesAndDeletionsReadTheSameBatched() async throws {
        let h = try Harness()
        var items = try await world(h)
        let o = h.orchestrator
        // Changes behind ecsform's back, one per type, and objects deleted.
        _ = try await o.registerContainerInstance(RegisterContainerInstanceRequest(
            cluster: "back", totalResources: [Resource(name: "CPU", integerValue: 1024), Resource(name: "MEMORY", integerValue: 2048)]))
        _ = try await o.tagResource(TagResourceRequest(resourceArn: ARN.cluster("front"), tags: [Tag(key: "extra", value: "1")]))
        _ = try await o.updateRole(UpdateRoleRequest(RoleName: "worker-role", Description: "changed"))
        _ = try await o.deleteRolePolicy(DeleteRolePolicyRequest(RoleName: "worker-role", PolicyName: "ecsform"))
        _ = try await o.deleteRole(DeleteRoleRequest(RoleName: "idle-role"))
        let td = try await o.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: "web:1"))
        let secret = try #require(td.taskDefinition.containerDefinitions[0].secrets?.first { $0.name == "TOKEN" })
        _ = try await o.putSecretValue(PutSecretValueRequest(SecretId: secret.valueFrom, SecretString: "other"))
        let missing = try #require(td.taskDefinition.containerDefinitions[0].secrets?.first { $0.name == "OTHER" })
        _ = try await o.deleteSecret(DeleteSecretRequest(SecretId: missing.valueFrom))
        _ = try await o.deregisterTaskDefinition(DeregisterTaskDefinitionRequest(taskDefinition: "old:1"))
        _ = try await o.updateService(UpdateServiceRequest(cluster: "front", service: "web", desiredCount: 3))
        _ = try await o.deleteService(DeleteServiceRequest(cluster: "front", service: "other", force: true))
        // Ids that do not resolve, and ones that cannot be read at all.
        items.append(ReadRequest(address: h.address("cluster.never"), id: ARN.cluster("never"), priorAttributes: [:]))
        items.append(ReadRequest(address: h.address("service.never"), id: ARN.service(cluster: "never", name: "x"), priorAttributes: [:]))
        items.append(ReadRequest(address: h.address("service.bad"), id: "not-a-service-id", priorAttributes: [:]))
        items.append(ReadRequest(address: h.address("task_definition.bad"), id: "web:x", priorAttributes: [:]))
        items.append(ReadRequest(address: h.address("task_definition.never"), id: "never:4", priorAttributes: [:]))
        items.append(ReadRequest(address: h.address("task_role.never"), id: ARN.role("never"), priorAttributes: [:]))
        items.append(ReadRequest(address: ResourceAddress(type: "bucket", name: "b"), id: "b", priorAttributes: [:]))

        let one = await oneByOne(h, items)
        let batch = await batched(h, items)
        #expect(batch == one)
        let byAddress = Dictionary(uniqueKeysWithValues: zip(items.map(\.address.description), batch.map(\.text)))
        #expect(byAddress["task_role.idle"] == "gone")
        #expect(byAddress["task_definition.old"] == "gone")
        #expect(byAddress["service.other"] == "gone")
        #expect(byAddress["cluster.never"] == "gone")
        #expect(byAddress["service.never"] == "gone")
        #expect(byAddress["task_definition.never"] == "gone")
        #expect(byAddress["service.bad"]?.hasPrefix("error") == true)
        #expect(byAddress["task_definition.bad"]?.contains("Invalid revision number") == true)
        #expect(byAddress["bucket.b"]?.hasPrefix("error") == true)
        let web = try #require(items.firstIndex { $0.address.description == "task_definition.web" })
        guard case .found(let attrs) = batch[web] else { Issue.record("task_definition.web: \(batch[web].text)"); return }
        let secrets = attrs["containers"]?.listValue?.first?.mapValue?["secrets"]?.mapValue ?? [:]
        #expect(secrets["TOKEN"]?.unmarked.stringValue?.contains("changed outside ecsform") == true)
        #expect(secrets["OTHER"]?.unmarked.stringValue?.contains("is missing") == true)
    }

    @Test func historiesAnswerLikeHistory() async throws {
        let h = try Harness()
        let items = try await world(h)
        _ = try await h.orchestrator.updateService(UpdateServiceRequest(cluster: "front", service: "web", desiredCount: 2))
        let requests = items.map { HistoryRequest(address: $0.address, id: $0.id) }
            + [HistoryRequest(address: h.address("cluster.never"), id: ARN.cluster("never"))]
        var one: [ChangeRecord?] = []
        for r in requests { one.append(try await h.provider.history(r).lastChange) }
        let batch = await h.provider.histories(HistoriesRequest(resources: requests)).lastChanges
        #expect(batch == one)
        #expect(one.last == .some(nil))
        let web = try #require(requests.firstIndex { $0.address.description == "service.web" })
        #expect(batch[web]?.action == "UpdateService")
        #expect(batch[web]?.principal == "tester")
    }

    /// More instances than one ListContainerInstances page (100): every one counts, read one
    /// by one or in a batch.
    @Test func clustersWithMoreThanAPageOfInstances() async throws {
        let h = try Harness()
        let created = try await h.create("cluster.big", [
            "name": .s("big"), "capacity": .s("ec2"),
            "instances": .map(["count": .int(1), "cpu": .int(1024), "memory": .int(2048)]),
        ])
        for _ in 0..<104 {
            _ = try await h.orchestrator.registerContainerInstance(RegisterContainerInstanceRequest(
                cluster: "big", totalResources: [Resource(name: "CPU", integerValue: 1024), Resource(name: "MEMORY", integerValue: 2048)]))
        }
        let item = ReadRequest(address: h.address("cluster.big"), id: created.id, priorAttributes: created.attributes)
        let one = try #require(try await h.provider.read(item).attributes)
        #expect(one["instances"]?.mapValue?["count"] == .int(105))
        let batch = try #require(try await h.provider.readResources(ReadResourcesRequest(resources: [item])).results[0].get().attributes)
        #expect(batch == one)
    }
}

/// ETag-style batch reads: a keyed fingerprint of each object's rows comes back as
/// `privateData`, and a read given it back is `unchanged` until any row its attributes are
/// built from changes; then it reads in full, exactly as `read` does.
@Suite struct FingerprintedReadTests {
    /// Reads `items` in one batch with the fingerprints the last batch returned.
    func batch(_ h: Harness, _ items: inout [ReadRequest]) async throws -> [ReadResponse] {
        let results = try await h.provider.readResources(ReadResourcesRequest(resources: items)).results.map { try $0.get() }
        for (i, r) in results.enumerated() where !r.unchanged { items[i].priorPrivate = r.privateData }
        return results
    }

    @Test func unchangedUntilAnInputChanges() async throws {
        let h = try Harness()
        var items = try await ReadResourcesTests().world(h)
        #expect(try await h.provider.getSchema(GetSchemaRequest()).schema.fingerprintsReads)
        let first = try await batch(h, &items)
        #expect(first.allSatisfy { !$0.unchanged && $0.attributes != nil && $0.privateData != nil })
        #expect(try await batch(h, &items).allSatisfy(\.unchanged))

        let o = h.orchestrator
        let td = try await o.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: "web:1")).taskDefinition
        let token = try #require(td.containerDefinitions[0].secrets?.first { $0.name == "TOKEN" }?.valueFrom)
        let other = try #require(td.containerDefinitions[0].secrets?.first { $0.name == "OTHER" }?.valueFrom)
        let web = ARN.service(cluster: "front", name: "web")
        let changes: [(String, String, () async throws -> Void)] = [
            ("cluster.back", "an instance registered", {
                _ = try await o.registerContainerInstance(RegisterContainerInstanceRequest(
                    cluster: "back", totalResources: [Resource(name: "CPU", integerValue: 2048), Resource(name: "MEMORY", integerValue: 4096)],
                    attributes: [Attribute(name: "zone", value: "a")]))
            }),
            ("cluster.front", "a tag", { _ = try await o.tagResource(TagResourceRequest(resourceArn: ARN.cluster("front"), tags: [Tag(key: "extra", value: "1")])) }),
            ("cluster.front", "its settings", {
                _ = try await o.updateClusterSettings(UpdateClusterSettingsRequest(cluster: "front", settings: [ClusterSetting(name: "containerInsights", value: "enabled")]))
            }),
            ("task_role.worker", "its description", { _ = try await o.updateRole(UpdateRoleRequest(RoleName: "worker-role", Description: "changed")) }),
            ("task_role.worker", "its policy", {
                _ = try await o.putRolePolicy(PutRolePolicyRequest(RoleName: "worker-role", PolicyName: "ecsform",
                                                                   PolicyDocument: #"{"Version":"2012-10-17","Statement":[]}"#))
            }),
            ("task_role.idle", "a policy added", {
                _ = try await o.putRolePolicy(PutRolePolicyRequest(RoleName: "idle-role", PolicyName: "extra",
                                                                   PolicyDocument: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#))
            }),
            ("task_definition.web", "a secret's value", { _ = try await o.putSecretValue(PutSecretValueRequest(SecretId: token, SecretString: "rotated")) }),
            ("task_definition.web", "a secret deleted", { _ = try await o.deleteSecret(DeleteSecretRequest(SecretId: other)) }),
            ("task_definition.old", "a tag", {
                _ = try await o.tagResource(TagResourceRequest(resourceArn: ARN.taskDefinition("old", 1), tags: [Tag(key: "extra", value: "1")]))
            }),
            ("task_definition.old", "deregistered", { _ = try await o.deregisterTaskDefinition(DeregisterTaskDefinitionRequest(taskDefinition: "old:1")) }),
            ("service.web", "its desired count", { _ = try await o.updateService(UpdateServiceRequest(cluster: "front", service: "web", desiredCount: 3)) }),
            ("service.web", "a tag", { _ = try await o.tagResource(TagResourceRequest(resourceArn: web, tags: [Tag(key: "extra", value: "1")])) }),
            ("service.other", "deleted", { _ = try await o.deleteService(DeleteServiceRequest(cluster: "front", service: "other", force: true)) }),
        ]
        for (address, what, change) in changes {
            _ = try await batch(h, &items)  // fingerprints of the current rows
            let i = try #require(items.firstIndex { $0.address.description == address })
            try await change()
            let answers = try await batch(h, &items)
            #expect(!answers[i].unchanged, "\(address): \(what) must be seen")
            // What the full path answers is what `read` answers.
            let one = try await h.provider.read(ReadRequest(address: items[i].address, id: items[i].id, priorAttributes: items[i].priorAttributes))
            #expect(answers[i].attributes == one.attributes, "\(address): \(what)")
            if address == "task_role.worker" || address == "service.web" || address == "cluster.front" {
                #expect(answers[i].attributes != nil)
            }
        }
    }

    @Test func theKeyAndTheVersionAreInTheFingerprint() async throws {
        let h = try Harness()
        var items = try await ReadResourcesTests().world(h)
        let first = try await batch(h, &items)
        // Another provider key over the same rows: nothing matches, everything reads in full.
        let other = LocalProvider(orchestrator: h.orchestrator, identityKey: "another key")
        let answers = try await other.readResources(ReadResourcesRequest(resources: items)).results.map { try $0.get() }
        #expect(answers.allSatisfy { !$0.unchanged && $0.attributes != nil })
        #expect(zip(first, answers).allSatisfy { $0.privateData != $1.privateData })
    }
}

extension FingerprintedReadTests {
    /// Two items for one object, with different recorded data: neither may be answered
    /// `unchanged` on the other's match; both read in full.
    @Test func oneObjectTwiceWithDifferentDataReadsInFull() async throws {
        let h = try Harness()
        var items = try await ReadResourcesTests().world(h)
        _ = try await batch(h, &items)
        let i = try #require(items.firstIndex { $0.address.description == "service.web" })
        var stale = items[i]
        stale.address = h.address("service.copy")
        stale.priorPrivate = "0123456789abcdef0123456789abcdef"
        for pair in [[items[i], stale], [stale, items[i]]] {
            let answers = try await h.provider.readResources(ReadResourcesRequest(resources: pair)).results.map { try $0.get() }
            #expect(answers.allSatisfy { !$0.unchanged && $0.attributes != nil })
        }
        // The same data twice: both unchanged.
        let same = try await h.provider.readResources(ReadResourcesRequest(resources: [items[i], items[i]])).results.map { try $0.get() }
        #expect(same.allSatisfy { $0.unchanged })
    }
}
