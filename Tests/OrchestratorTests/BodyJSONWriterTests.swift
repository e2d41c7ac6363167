import Foundation
import Testing
@testable import Orchestrator

/// The direct JSON writer must give exactly JSONEncoder's bytes (stored bodies and audit texts
/// are compared and decoded elsewhere), including where it hands over to JSONEncoder.
@Suite struct BodyJSONWriterTests {
    func container(_ name: String, env: String = "info", labels: [String: String]? = ["ecsform.depends_on": "init:SUCCESS"]) -> ContainerDefinition {
        ContainerDefinition(
            name: name, image: "registry.local/app:1.2", cpu: 512, memory: 1024, memoryReservation: 512, essential: true,
            portMappings: [PortMapping(containerPort: 3000, hostPort: 0, protocol: "tcp"), PortMapping(containerPort: 53, protocol: "udp", name: "dns")],
            command: ["/bin/app", "--port", "3000", "say \"hi\" \\ é 😀"], entryPoint: [],
            environment: [KeyValuePair(name: "LOG_LEVEL", value: env), KeyValuePair(name: "EMPTY", value: nil)],
            secrets: [SecretReference(name: "DB", valueFrom: ARN.secret("ecsform/app/abc/db"))],
            healthCheck: HealthCheck(command: ["CMD-SHELL", "wget -q -O- localhost:3000/health || exit 1"], interval: 10, timeout: 5, retries: 3, startPeriod: 0),
            workingDirectory: "/srv", dockerLabels: labels, links: ["db"])
    }

    func definition(_ containers: [ContainerDefinition], registeredAt: Date) -> TaskDefinition {
        TaskDefinition(
            taskDefinitionArn: ARN.taskDefinition("app", 3), family: "app", revision: 3, status: "ACTIVE",
            containerDefinitions: containers, taskRoleArn: "arn:aws:iam::000000000000:role/app", executionRoleArn: nil,
            networkMode: "bridge", requiresCompatibilities: ["EC2"], compatibilities: ["EC2", "EXTERNAL"], cpu: "1024", memory: "2048",
            placementConstraints: [TaskDefinitionPlacementConstraint(type: "memberOf", expression: "attribute:zone == a")],
            registeredAt: registeredAt, deregisteredAt: nil, registeredBy: "me@host")
    }

    @Test func taskDefinitionBodiesMatchJSONEncoder() throws {
        for date in [Date(), Date(timeIntervalSince1970: 1_763_720_000), Date(timeIntervalSince1970: 1_763_720_000.5), Date(timeIntervalSince1970: 0.001)] {
            for td in [definition([container("app"), container("sidecar", labels: nil)], registeredAt: date),
                       definition([container("app", env: "two\nlines")], registeredAt: date),
                       definition([container("app", labels: ["a": "1", "b": "2"])], registeredAt: date)] {
                #expect(try BodyJSONWriter.encode(td) == ECSJSON.encode(td))
            }
        }
        var inactive = definition([container("app")], registeredAt: Date())
        inactive.deregisteredAt = Date()
        inactive.status = "INACTIVE"
        #expect(try BodyJSONWriter.encode(inactive) == ECSJSON.encode(inactive))
    }

    @Test func registrationAuditTextMatchesJSONEncoder() throws {
        let r = RegisterTaskDefinitionRequest(
            family: "app", containerDefinitions: [container("app")], taskRoleArn: "arn:aws:iam::000000000000:role/app",
            networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512",
            tags: [Tag(key: "team", value: "ops"), Tag(key: "none", value: nil)],
            placementConstraints: [TaskDefinitionPlacementConstraint(type: "distinctInstance")])
        #expect(try BodyJSONWriter.encode(r) == ECSJSON.encode(r))
        #expect(try AuditLog.requestText(r) == String(decoding: try ECSJSON.encode(r), as: UTF8.self))
    }

    @Test func serviceCreationAuditTextMatchesJSONEncoder() throws {
        var r = CreateServiceRequest(
            cluster: "front", serviceName: "web", taskDefinition: "arn:aws:ecs:local:000000000000:task-definition/web:3",
            desiredCount: 2, launchType: "EC2",
            deploymentConfiguration: DeploymentConfiguration(
                deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: true, rollback: false), maximumPercent: 200, minimumHealthyPercent: 50),
            placementConstraints: [PlacementConstraint(type: "memberOf", expression: "attribute:zone == \"a\"")],
            placementStrategy: [PlacementStrategy(type: "spread", field: "attribute:zone"), PlacementStrategy(type: "random", field: nil)],
            schedulingStrategy: "REPLICA", tags: [Tag(key: "ecsform:address", value: "service.web"), Tag(key: "team", value: "é / ops")])
        #expect(try BodyJSONWriter.encode(r) == ECSJSON.encode(r))
        #expect(try AuditLog.requestText(r) == String(decoding: try ECSJSON.encode(r), as: UTF8.self))
        r.clientToken = "tok"
        r.propagateTags = "SERVICE"
        r.enableECSManagedTags = false
        r.healthCheckGracePeriodSeconds = 30
        #expect(try BodyJSONWriter.encode(r) == ECSJSON.encode(r))
        let daemon = CreateServiceRequest(serviceName: "agent", taskDefinition: "agent", schedulingStrategy: "DAEMON")
        #expect(try BodyJSONWriter.encode(daemon) == ECSJSON.encode(daemon))
    }

    @Test func roleBodiesAndRequestsMatchJSONEncoder() throws {
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        var request = CreateRoleRequest(RoleName: "app-task", AssumeRolePolicyDocument: policy, Description: "the app's role \\ /", MaxSessionDuration: 3600)
        request.Tags = [IAMTag(Key: "ecsform:address", Value: "task_role.app"), IAMTag(Key: "team", Value: "é")]
        #expect(try BodyJSONWriter.encode(request) == ECSJSON.encode(request))
        for date in [Date(), Date(timeIntervalSince1970: 1_763_720_000.25)] {
            let role = Role(Path: "/", RoleName: "app-task", RoleId: "AROA0123456789ABCDEFG", Arn: ARN.role("app-task", path: "/"),
                            CreateDate: date, AssumeRolePolicyDocument: policy, Description: nil, MaxSessionDuration: 3600, Tags: request.Tags)
            #expect(try BodyJSONWriter.encode(role) == ECSJSON.encode(role))
        }
        let put = PutRolePolicyRequest(RoleName: "app-task", PolicyName: "ecsform", PolicyDocument: policy)
        #expect(try BodyJSONWriter.encode(put) == ECSJSON.encode(put))
        #expect(try AuditLog.requestText(put) == String(decoding: try ECSJSON.encode(put), as: UTF8.self))
    }

    @Test func serviceAndTaskBodiesMatchJSONEncoder() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2)
        try await h.taskDefinition()
        var s = try await h.o.createService(.init(serviceName: "web", taskDefinition: "web", desiredCount: 2)).service
        #expect(try BodyJSONWriter.encode(s) == ECSJSON.encode(s))
        s.tags = [Tag(key: "team", value: "ops"), Tag(key: "none", value: nil)]
        s.placementStrategy = [PlacementStrategy(type: "spread", field: "attribute:zone"), PlacementStrategy(type: "random")]
        s.placementConstraints = [PlacementConstraint(type: "memberOf", expression: "attribute:zone == \"a\"")]
        s.events.append(ServiceEvent(id: "e", createdAt: Date(timeIntervalSince1970: 1_763_720_000.5), message: "é 😀 \\ /"))
        #expect(try BodyJSONWriter.encode(s) == ECSJSON.encode(s))
        let running = try await h.tasks(service: "web")
        _ = try await h.o.stopTask(.init(task: running[0].taskArn))
        var tasks = try await h.tasks(service: "web") + h.tasks(service: "web", desired: "STOPPED")
        #expect(tasks.count == 3)
        tasks[0].overrides = TaskOverride(containerOverrides: [ContainerOverride(name: "web", command: ["a", "b"], environment: [KeyValuePair(name: "X", value: "1")])],
                                          taskRoleArn: "arn:aws:iam::000000000000:role/r")
        tasks[0].tags = [Tag(key: "k", value: "v")]
        for t in tasks { #expect(try BodyJSONWriter.encode(t) == ECSJSON.encode(t)) }
    }
}

/// Container instance bodies: the direct writer against JSONEncoder.
@Suite struct InstanceBodyJSONWriterTests {
    func instance(registeredAt: Date?, double: Double? = nil) -> ContainerInstance {
        var disk = Resource(name: "DISK", type: "LONG")
        disk.longValue = 1 << 40
        disk.doubleValue = double
        let resources = [
            Resource(name: "CPU", integerValue: 4096), Resource(name: "MEMORY", integerValue: 8192), disk,
            Resource(name: "PORTS", type: "STRINGSET", stringSetValue: ["22", "2375"]),
            Resource(name: "PORTS_UDP", type: "STRINGSET", stringSetValue: []),
        ]
        return ContainerInstance(
            containerInstanceArn: "arn:aws:ecs:local:000000000000:container-instance/c/0d9b", ec2InstanceId: "i-7ed4bd94efbc3de2c",
            version: 3, status: "DRAINING", statusReason: "quote \" back\\slash é", agentConnected: true, runningTasksCount: 2,
            pendingTasksCount: 1, registeredResources: resources, remainingResources: Array(resources.prefix(2)),
            attributes: [Attribute(name: "zone", value: "a", targetType: nil, targetId: nil),
                         Attribute(name: "ecs.os-type", value: nil, targetType: "container-instance", targetId: "x")],
            registeredAt: registeredAt, tags: [Tag(key: "team", value: "ops"), Tag(key: "none", value: nil)])
    }

    @Test func instanceBodiesMatchJSONEncoder() throws {
        for date in [Date(), Date(timeIntervalSince1970: 1_763_720_000.5), nil] {
            #expect(try BodyJSONWriter.encode(instance(registeredAt: date)) == ECSJSON.encode(instance(registeredAt: date)))
        }
        var bare = instance(registeredAt: nil)
        bare.attributes = nil
        bare.tags = nil
        bare.ec2InstanceId = nil
        bare.statusReason = nil
        #expect(try BodyJSONWriter.encode(bare) == ECSJSON.encode(bare))
        // A double value goes through JSONEncoder: still the same bytes.
        let withDouble = instance(registeredAt: Date(), double: 0.1)
        #expect(try BodyJSONWriter.encode(withDouble) == ECSJSON.encode(withDouble))
    }
}
