import Foundation
import Testing

@Suite(.serialized) struct FaultInjectionTests {
    func setUp(_ cli: CLI) throws {
        #expect(try cli.run("ecs", "create-cluster").status == 0)
        for _ in 0..<2 { #expect(try cli.run("ecs", "register-container-instance").status == 0) }
        for image in ["nginx:1", "broken:2"] {
            let td = cli.store.appendingPathComponent("td.json")
            try #"{"family":"web","containerDefinitions":[{"name":"app","image":"\#(image)","memory":128}]}"#.write(to: td, atomically: true, encoding: .utf8)
            #expect(try cli.run("ecs", "register-task-definition", "--cli-input-json", "file://" + td.path).status == 0)
        }
    }

    func service(_ cli: CLI) throws -> [String: Any] {
        let r = try cli.run("ecs", "describe-services", "--services", "web")
        return ((r.json as? [String: Any])?["services"] as? [[String: Any]])?.first ?? [:]
    }

    @Test func failedDeploymentRollsBackAcrossProcesses() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try setUp(cli)
        #expect(try cli.run("ecs", "create-service", "--service-name", "web", "--task-definition", "web:1", "--desired-count", "2",
                            "--deployment-configuration", "deploymentCircuitBreaker={enable=true,rollback=true}").status == 0)
        let rule = try cli.run("ecs", "inject-fault", "--image", "broken:2", "--mode", "fail-to-start")
        #expect(rule.status == 0, "\(rule.stderr)")
        #expect(rule.stdout.contains("\"fail-to-start\""))
        #expect(try cli.run("ecs", "update-service", "--service", "web", "--task-definition", "web:2").status == 0)
        let s = try service(cli)
        #expect((s["taskDefinition"] as? String)?.hasSuffix("web:1") == true)
        #expect(s["runningCount"] as? Int == 2)
        let events = (s["events"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(events.contains { $0.hasSuffix("deployment failed: tasks failed to start.") })
        #expect(events.contains { $0.hasPrefix("(service web) rolling back to deployment ecs-svc/") })
        let stopped = try cli.listAll(["ecs", "list-tasks", "--service-name", "web", "--desired-status", "STOPPED"], key: "taskArns")
        let d = try cli.run(["ecs", "describe-tasks", "--tasks"] + stopped)
        let reasons = ((d.json as? [String: Any])?["tasks"] as? [[String: Any]])?.compactMap { $0["stoppedReason"] as? String } ?? []
        #expect(!reasons.isEmpty && reasons.allSatisfy { $0.hasPrefix("CannotPullContainerError") })
        #expect(try cli.run("ecs", "inject-fault", "--clear").status == 0)
        #expect(!(try cli.run("ecs", "inject-fault", "--list").stdout.contains("broken")))
    }

    @Test func unhealthyTaskIsReplaced() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try setUp(cli)
        #expect(try cli.run("ecs", "create-service", "--service-name", "web", "--task-definition", "web:1", "--desired-count", "1").status == 0)
        let before = try cli.listAll(["ecs", "list-tasks", "--service-name", "web"], key: "taskArns")
        let r = try cli.run("ecs", "inject-fault", "--task", before[0], "--mode", "unhealthy")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Task failed container health checks"))
        let after = try cli.listAll(["ecs", "list-tasks", "--service-name", "web"], key: "taskArns")
        #expect(after.count == 1 && after != before)
        let exit = try cli.run("ecs", "inject-fault", "--task", after[0], "--mode", "exit", "--exit-code", "7")
        #expect(exit.stdout.contains("\"exitCode\" : 7"))
        #expect(exit.stdout.contains("EssentialContainerExited"))
        #expect(try service(cli)["runningCount"] as? Int == 1)
    }
}
