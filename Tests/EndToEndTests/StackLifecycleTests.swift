import Foundation
import Testing

/// Issue 4 item 8: the demo stack through the built binary and the embedded orchestrator,
/// each test on its own temporary orchestrator, state and copy of the stack.
@Suite(.enabled(if: StackTests.binaryBuilt, "build ecsform first (swift build)"))
struct StackLifecycleTests {
    @Test func applyTheDemoThenPlanHasNoChanges() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        let apply = try w.expect(0, "apply", "{stack}", "--auto-approve")
        #expect(apply.stdout.contains("Apply complete!"))
        let plan = try w.expect(0, "plan", "{stack}", "--detailed-exitcode")
        #expect(plan.stdout.contains("No changes."))
        try w.expect(0, "drift", "{stack}")
    }

    @Test func aNewImageTagRegistersANewRevisionTheServiceMovesTo() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        let oldWeb = try #require(try w.stateIDs()["task_definition.web"])
        let plan = try w.expect(2, "plan", "{stack}", "--var", "image_tag=1.5.0", "--detailed-exitcode")
        #expect(plan.stdout.contains("new revision"), "\(plan)")
        #expect(plan.stdout.contains("task_definition.web"))
        #expect(plan.stdout.contains("service.web"))
        #expect(plan.stdout.contains("registry.local/shop/web:1.5.0"))
        let json = try #require(try w.expect(2, "plan", "{stack}", "--var", "image_tag=1.5.0", "--detailed-exitcode", "--json").json)
        let changes = (json["changes"] as? [[String: Any]]) ?? []
        let byAddress = Dictionary(changes.compactMap { c in (c["address"] as? String).map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        #expect(byAddress["task_definition.web"]?["action"] as? String == "replace")
        #expect(byAddress["service.web"]?["action"] as? String == "update")
        #expect((byAddress["service.web"]?["changed_attributes"] as? [String])?.contains("task_definition") == true)

        try w.expect(0, "apply", "{stack}", "--var", "image_tag=1.5.0", "--auto-approve")
        let newWeb = try #require(try w.stateIDs()["task_definition.web"])
        #expect(newWeb != oldWeb)
        let tasks = try w.api("ecs", "list-tasks", "--cluster", "front", "--service-name", "web", "--desired-status", "RUNNING")
        let arns = try #require(tasks["taskArns"] as? [String])
        #expect(arns.count == 2)
        let described = try w.api(["ecs", "describe-tasks", "--cluster", "front", "--tasks"] + arns)
        let running = (described["tasks"] as? [[String: Any]]) ?? []
        #expect(running.count == 2)
        #expect(running.allSatisfy { $0["taskDefinitionArn"] as? String == newWeb && $0["lastStatus"] as? String == "RUNNING" })
        let old = try w.api("ecs", "describe-task-definition", "--task-definition", oldWeb)
        #expect((old["taskDefinition"] as? [String: Any])?["status"] as? String == "INACTIVE")
        try w.expect(0, "plan", "{stack}", "--var", "image_tag=1.5.0", "--detailed-exitcode")
    }

    @Test func driftNamesTheOutOfBandScaleAndWhoDidItThenApplyRestoresIt() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        try w.expect(0, "ecs", "update-service", "--cluster", "front", "--service", "web", "--desired-count", "5",
                     principal: "alice@ops-laptop")
        let drift = try w.expect(2, "drift", "{stack}")
        #expect(drift.stdout.contains("service.web"), "\(drift)")
        #expect(drift.stdout.contains("desired_count"))
        #expect(drift.stdout.contains("MODIFIED"))
        #expect(drift.stdout.contains("UpdateService"))
        #expect(drift.stdout.contains("alice@ops-laptop"))
        let json = try #require(try w.expect(2, "drift", "{stack}", "--json").json)
        #expect(json["in_sync"] as? Bool == false)
        let web = ((json["resources"] as? [[String: Any]]) ?? []).first { $0["address"] as? String == "service.web" }
        let diff = (web?["differences"] as? [[String: Any]])?.first { $0["path"] as? String == "desired_count" }
        #expect(diff?["expected"] as? Int == 2)
        #expect(diff?["actual"] as? Int == 5)
        let last = web?["last_change"] as? [String: Any]
        #expect(last?["action"] as? String == "UpdateService")
        #expect(last?["principal"] as? String == "alice@ops-laptop")

        try w.expect(0, "apply", "{stack}", "--auto-approve")
        try w.expect(0, "drift", "{stack}")
        let s = try w.api("ecs", "describe-services", "--cluster", "front", "--services", "web")
        #expect(((s["services"] as? [[String: Any]])?.first)?["desiredCount"] as? Int == 2)
    }

    @Test func aServiceDeletedOutOfBandIsReportedDeletedAndRecreated() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        try w.expect(0, "ecs", "delete-service", "--cluster", "front", "--service", "web", "--force")
        let drift = try w.expect(2, "drift", "{stack}")
        #expect(drift.stdout.contains("DELETED"), "\(drift)")
        let apply = try w.expect(0, "apply", "{stack}", "--auto-approve")
        #expect(apply.stdout.contains("service.web"))
        let s = try w.api("ecs", "describe-services", "--cluster", "front", "--services", "web")
        let service = (s["services"] as? [[String: Any]])?.first
        #expect(service?["status"] as? String == "ACTIVE")
        #expect(service?["runningCount"] as? Int == 2)
        try w.expect(0, "plan", "{stack}", "--detailed-exitcode")
    }

    @Test func preventDestroyBlocksADestroyWithAClearMessage() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.editStack { $0.replacingOccurrences(of: "    wait_for_steady_state: true     # apply waits until the rollout completes",
                                                  with: "    wait_for_steady_state: true\n    lifecycle: {prevent_destroy: true}") }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        let destroy = try w.expect(1, "destroy", "{stack}", "--auto-approve")
        #expect(destroy.stderr.contains("service.web"), "\(destroy)")
        #expect(destroy.stderr.contains("prevent_destroy"))
        let s = try w.api("ecs", "describe-services", "--cluster", "front", "--services", "web")
        #expect(((s["services"] as? [[String: Any]])?.first)?["status"] as? String == "ACTIVE")
        try w.expect(0, "plan", "{stack}", "--detailed-exitcode")
    }

    @Test func twoAppliesAtOnceOneFailsAtOnceNamingTheLockHolder() throws {
        // The second apply starts once the first holds the lock; if the first finished in
        // between, try again with a fresh workspace (bounded). Three hundred extra task roles
        // keep the first apply busy long enough even on a loaded machine.
        var contended = false
        for _ in 0..<10 where !contended {
            let w = try StackWorkspace()
            defer { w.cleanUp() }
            let extra = (0..<300).map { "  extra\($0):\n    description: keeps the first apply busy\n" }.joined()
            try w.editStack { $0.replacingOccurrences(of: "\ntask_roles:\n", with: "\ntask_roles:\n" + extra) }
            let first = try w.start(["apply", "{stack}", "--auto-approve"])
            let lock = w.directory.appendingPathComponent("ecsform.state.json.lock")
            while first.process.isRunning && !FileManager.default.fileExists(atPath: lock.path) { usleep(2_000) }
            let second = try w.start(["apply", "{stack}", "--auto-approve"]).wait()
            let one = first.wait()
            #expect(one.status == 0, "\(one)")
            if second.status == 0 { continue }  // the first was already done: no contention this time
            contended = true
            #expect(second.stderr.contains("locked"), "\(second)")
            #expect(second.stderr.contains("apply"), "the message names the holder's operation: \(second)")
            #expect(second.stderr.contains(String(first.process.processIdentifier)), "the message names the holder's pid: \(second)")
            try w.expect(0, "plan", "{stack}", "--detailed-exitcode")
        }
        #expect(contended, "never managed to run two applies at once")
    }

    @Test func aSecretVariableNeverAppearsInOutputJSONLogsStateOrTheStore() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        let secret = "Zq7-never-show-me-\(UUID().uuidString.prefix(8))"
        var outputs: [StackWorkspace.Result] = []
        outputs.append(try w.expect(0, "apply", "{stack}", "--var", "db_password=\(secret)", "--auto-approve"))
        outputs.append(try w.expect(0, "plan", "{stack}", "--var", "db_password=\(secret)", "--detailed-exitcode"))
        outputs.append(try w.expect(0, "plan", "{stack}", "--var", "db_password=\(secret)", "--json"))
        outputs.append(try w.expect(2, "plan", "{stack}", "--var", "db_password=\(secret)-changed", "--detailed-exitcode"))
        outputs.append(try w.expect(2, "plan", "{stack}", "--var", "db_password=\(secret)-changed", "--json", "--detailed-exitcode"))
        outputs.append(try w.expect(0, "drift", "{stack}", "--var", "db_password=\(secret)", "--json"))
        outputs.append(try w.expect(0, "output", "{stack}"))
        outputs.append(try w.expect(0, "output", "{stack}", "--json"))
        outputs.append(try w.expect(0, "show"))
        outputs.append(try w.expect(0, "apply", "{stack}", "--var", "db_password=\(secret)-changed", "--auto-approve"))
        outputs.append(try w.expect(0, "show", "--json"))
        for r in outputs { #expect(!r.output.contains(secret), "the secret was printed: \(r)") }
        let changed = outputs[3]
        #expect(changed.stdout.contains("(sensitive)"), "\(changed)")
        let files = w.allFiles()
        #expect(files.contains { $0.lastPathComponent == "orchestrator.sqlite" })
        for file in files {
            let data = try Data(contentsOf: file)
            #expect(data.range(of: Data(secret.utf8)) == nil, "the secret is in \(file.path)")
        }
        let audit = try w.api("ecs", "list-audit-records", "--max-results", "1000")
        #expect(!"\(audit)".contains(secret))
    }

    @Test func destroyLeavesTheOrchestratorEmptyOfEverythingTheStackMade() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        let destroy = try w.expect(0, "destroy", "{stack}", "--auto-approve")
        #expect(destroy.stdout.contains("Destroy complete!") || destroy.stdout.contains("destroyed"), "\(destroy)")
        #expect((try w.api("ecs", "list-clusters")["clusterArns"] as? [String]) == [])
        #expect((try w.api("ecs", "list-task-definitions", "--status", "ACTIVE")["taskDefinitionArns"] as? [String]) == [])
        #expect((try w.api("secretsmanager", "list-secrets")["SecretList"] as? [Any])?.isEmpty == true)
        let role = try w.run("iam", "get-role", "--role-name", "worker")
        #expect(role.status == 1 && role.stderr.contains("NoSuchEntity"), "\(role)")
        let ids = try w.stateIDs()
        #expect(ids.isEmpty)
    }
}
