import Foundation
import Testing
@testable import Orchestrator

/// The hand-written task reader against JSONDecoder, on bodies with every member set.
struct TaskBodyReaderTests {
    static func task(overrides: TaskOverride?) -> ECSTask {
        let now = Date(timeIntervalSince1970: 1_795_000_000.125)
        let container = Container(
            containerArn: "arn:aws:ecs:local:000000000000:container/c/t/web", taskArn: "arn:aws:ecs:local:000000000000:task/c/t",
            name: "web", image: "nginx:1", lastStatus: "STOPPED", exitCode: 137, reason: "quote \" é", healthStatus: "UNHEALTHY",
            runtimeId: "sim-000001", networkBindings: [NetworkBinding(bindIP: "0.0.0.0", containerPort: 80, hostPort: 8080, protocol: "tcp")],
            cpu: "128", memory: "256")
        return ECSTask(
            taskArn: "arn:aws:ecs:local:000000000000:task/c/t", clusterArn: "arn:aws:ecs:local:000000000000:cluster/c",
            taskDefinitionArn: "arn:aws:ecs:local:000000000000:task-definition/web:3",
            containerInstanceArn: "arn:aws:ecs:local:000000000000:container-instance/c/i", lastStatus: "STOPPED", desiredStatus: "STOPPED",
            containers: [container, Container(containerArn: "a", taskArn: "t", name: "side", image: "busybox", lastStatus: "PENDING",
                                              exitCode: nil, reason: nil, healthStatus: nil, runtimeId: nil, networkBindings: nil, cpu: nil, memory: nil)],
            cpu: "256", memory: "512", launchType: "EC2", startedBy: "ecs-svc/1", group: "service:web", createdAt: now,
            startedAt: now.addingTimeInterval(1), stoppingAt: now.addingTimeInterval(2), stoppedAt: now.addingTimeInterval(3),
            pullStartedAt: now, executionStoppedAt: now.addingTimeInterval(3), stopCode: "EssentialContainerExited",
            stoppedReason: "Essential container in task exited", healthStatus: "UNHEALTHY", version: 7,
            tags: [Tag(key: "team", value: "a"), Tag(key: "empty", value: nil)], overrides: overrides)
    }

    @Test(arguments: [nil, TaskOverride(containerOverrides: [ContainerOverride(name: "web", command: ["a"])], taskRoleArn: "r")])
    func readsWhatJSONDecoderReads(overrides: TaskOverride?) throws {
        let decoder = ECSJSON.decoder()
        for body in [try BodyJSONWriter.encode(Self.task(overrides: overrides)), try ECSJSON.encoder().encode(Self.task(overrides: overrides))] {
            let expected = try decoder.decode(ECSTask.self, from: body)
            #expect(try ECSTask.decodeBody(body, fallback: decoder) == expected)
            if overrides == nil {
                // Read by the cursor itself, not by the fallback.
                #expect(try JSONCursor.read(body) { try ECSTask(cursor: &$0) } == expected)
            }
        }
    }
}
