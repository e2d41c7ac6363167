import Foundation
import Testing
@testable import Orchestrator

@Suite struct AuditAndPerformTests {
    @Test func auditRecordsEveryMutationNewestFirst() async throws {
        let h = try Harness(principal: "alice@ci")
        try await h.cluster(instances: 1)
        try await h.taskDefinition()
        _ = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 1))
        _ = try await h.o.updateService(.init(service: "web", desiredCount: 2))
        await expectError("InvalidParameterException") { _ = try await h.o.updateService(.init(service: "web", desiredCount: -1)) }
        let arn = ARN.service(cluster: "default", name: "web")
        let records = try await h.o.listAuditRecords(.init(resourceArn: arn)).auditRecords
        #expect(records.map(\.action) == ["UpdateService", "CreateService"])
        #expect(records.allSatisfy { $0.principal == "alice@ci" && $0.resourceArn == arn })
        #expect(records[0].request == .object(["service": .string("web"), "desiredCount": .number(2)]))
        #expect(try Date(records[0].time, strategy: .iso8601) <= Date())
        #expect(records[0].time.hasSuffix("Z"))
        let all = try await h.o.listAuditRecords(.init(maxResults: 3)).auditRecords
        #expect(all.count == 3 && all[0].id > all[1].id)
        // Reads are not audited.
        _ = try await h.o.describeServices(.init(services: ["web"]))
        #expect(try await h.o.listAuditRecords(.init(resourceArn: arn)).auditRecords.count == 2)
    }

    @Test func performSpeaksECSJSON() async throws {
        let h = try Harness()
        let out = try await h.o.perform(action: "AmazonEC2ContainerServiceV20141113.CreateCluster", input: Data(#"{"clusterName":"json"}"#.utf8))
        let obj = try ECSJSON.decode(JSONValue.self, from: out)
        guard case .object(let top) = obj, case .object(let cluster)? = top["cluster"] else { Issue.record("bad shape"); return }
        #expect(cluster["clusterArn"] == .string(ARN.cluster("json")))
        #expect(cluster["registeredContainerInstancesCount"] == .number(0))
        let list = try await h.o.perform(action: "ListClusters", input: Data())
        #expect(String(decoding: list, as: UTF8.self) == #"{"clusterArns":["arn:aws:ecs:local:000000000000:cluster/json"]}"#)
        await expectError("UnknownOperationException") { _ = try await h.o.perform(action: "Launch", input: Data("{}".utf8)) }
        let missing = await expectError("InvalidParameterException") { _ = try await h.o.perform(action: "DeleteCluster", input: Data("{}".utf8)) }
        #expect(missing?.message.contains("cluster") == true)
        await expectError("SerializationException") { _ = try await h.o.perform(action: "CreateCluster", input: Data("{nope".utf8)) }
        await expectError("SerializationException") { _ = try await h.o.perform(action: "CreateCluster", input: Data(#"{"clusterName":5}"#.utf8)) }
        await expectError("ClusterNotFoundException") { _ = try await h.o.perform(action: "DescribeServices", input: Data(#"{"cluster":"x","services":["a"]}"#.utf8)) }
        let err = String(decoding: try ECSJSON.encode(ECSError.clusterNotFound()), as: UTF8.self)
        #expect(err == #"{"__type":"ClusterNotFoundException","message":"Cluster not found."}"#)
        #expect(Orchestrator.actionNames.count == 43)
    }

    @Test func tags() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        let td = try await h.taskDefinition()
        let c = ARN.cluster("default")
        _ = try await h.o.tagResource(.init(resourceArn: c, tags: [Tag(key: "a", value: "1"), Tag(key: "b", value: "2")]))
        _ = try await h.o.tagResource(.init(resourceArn: c, tags: [Tag(key: "a", value: "3")]))
        #expect(try await h.o.listTagsForResource(.init(resourceArn: c)).tags == [Tag(key: "a", value: "3"), Tag(key: "b", value: "2")])
        _ = try await h.o.untagResource(.init(resourceArn: c, tagKeys: ["a"]))
        #expect(try await h.o.listTagsForResource(.init(resourceArn: c)).tags == [Tag(key: "b", value: "2")])
        _ = try await h.o.tagResource(.init(resourceArn: td, tags: [Tag(key: "x", value: "y")]))
        #expect(try await h.o.describeTaskDefinition(.init(taskDefinition: td, include: ["TAGS"])).tags == [Tag(key: "x", value: "y")])
        await expectError("ResourceNotFoundException") { _ = try await h.o.tagResource(.init(resourceArn: ARN.cluster("ghost"), tags: [Tag(key: "a", value: "1")])) }
        await expectError("InvalidParameterException") { _ = try await h.o.tagResource(.init(resourceArn: "arn:aws:s3:::bucket", tags: [Tag(key: "a", value: "1")])) }
        await expectError("InvalidParameterException") { _ = try await h.o.tagResource(.init(resourceArn: c, tags: [])) }
        await expectError("InvalidParameterException") {
            _ = try await h.o.tagResource(.init(resourceArn: c, tags: (0..<51).map { Tag(key: "k\($0)", value: "v") }))
        }
        await expectError("ResourceNotFoundException") { _ = try await h.o.listTagsForResource(.init(resourceArn: ARN.service(cluster: "default", name: "none"))) }
        #expect(try await h.o.listAuditRecords(.init(resourceArn: c)).auditRecords.map(\.action).prefix(3) == ["UntagResource", "TagResource", "TagResource"])
    }
}
