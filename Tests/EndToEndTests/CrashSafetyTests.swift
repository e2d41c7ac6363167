import Foundation
import Testing

/// Issue 4 item 9: `apply` killed with SIGKILL at random moments (seeded) on the demo stack
/// (seven resources: two clusters, EC2 instances, a role, two task definitions one with a
/// secret, two services). After each kill the state file parses, the next apply converges,
/// every object the stack made is tracked exactly once, and a final plan has no changes.
@Suite(.enabled(if: StackTests.binaryBuilt, "build ecsform first (swift build)"))
struct CrashSafetyTests {
    static let seed: UInt64 = 0x5EED_EC5F
    static let trials = Array(0..<24)

    /// SplitMix64: the same kill moments on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    @Test(arguments: trials)
    func killedApplyConvergesWithoutDuplicates(_ trial: Int) throws {
        var random = Random(state: Self.seed &+ UInt64(trial))
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        // Even trials kill the first apply (creates); odd ones kill an apply that rolls a new
        // image out (new revisions, create-before-destroy, service updates).
        var args = ["apply", "{stack}", "--auto-approve"]
        if trial % 2 == 1 {
            try w.expect(0, "apply", "{stack}", "--auto-approve")
            args += ["--var", "image_tag=2.0.\(trial)"]
        }
        // The demo apply takes about a second or two in a debug build: kill within 0..2.5 s
        // (a kill after it finished is a trial of a clean run).
        let delay = random.fraction() * 2.5
        let running = try w.start(args)
        let deadline = Date().addingTimeInterval(delay)
        while running.process.isRunning && Date() < deadline { usleep(1_000) }
        let killed = running.process.isRunning
        if killed { kill(running.process.processIdentifier, SIGKILL) }
        _ = running.wait()

        if FileManager.default.fileExists(atPath: w.state.path) {
            #expect(throws: Never.self, "trial \(trial): the state file does not parse after SIGKILL at \(delay)s") { try w.stateJSON() }
        }
        // A killed apply may leave its lock file behind: the next apply must cope (its holder is gone).
        let converge = try w.expect(0, args)
        if converge.status != 0 { return }
        try w.expect(0, ["plan", "{stack}", "--detailed-exitcode"] + args.dropFirst(3))
        try checkEveryObjectTrackedOnce(w, trial: trial)
    }

    func checkEveryObjectTrackedOnce(_ w: StackWorkspace, trial: Int) throws {
        let ids = try w.stateIDs()
        #expect(ids.count == 7, "trial \(trial): state has \(ids.keys.sorted())")
        #expect(try w.stateJSON()["deposed"].map { ($0 as? [Any])?.isEmpty ?? true } ?? true, "trial \(trial): deposed objects left")
        let clusters = try w.api("ecs", "list-clusters")["clusterArns"] as? [String] ?? []
        #expect(Set(clusters) == Set([ids["cluster.front"], ids["cluster.back"]].compactMap { $0 }), "trial \(trial): clusters \(clusters)")
        let defs = try w.api("ecs", "list-task-definitions", "--status", "ACTIVE")["taskDefinitionArns"] as? [String] ?? []
        #expect(Set(defs) == Set([ids["task_definition.web"], ids["task_definition.worker"]].compactMap { $0 }),
                "trial \(trial): ACTIVE task definitions \(defs) vs state \(ids)")
        #expect(defs.count == 2)
        for (cluster, service) in [("front", "service.web"), ("demo-back", "service.worker")] {
            let services = try w.api("ecs", "list-services", "--cluster", cluster)["serviceArns"] as? [String] ?? []
            #expect(services == [ids[service]].compactMap { $0 }, "trial \(trial): services in \(cluster): \(services)")
        }
        let instances = try w.api("ecs", "list-container-instances", "--cluster", "demo-back", "--status", "ACTIVE")["containerInstanceArns"] as? [String] ?? []
        #expect(instances.count == 2, "trial \(trial): \(instances.count) ACTIVE container instances")
        let secrets = try w.api("secretsmanager", "list-secrets")["SecretList"] as? [[String: Any]] ?? []
        #expect(secrets.count == 1, "trial \(trial): secrets \(secrets.compactMap { $0["Name"] })")
        let role = try w.api("iam", "get-role", "--role-name", "worker")
        #expect((role["Role"] as? [String: Any])?["Arn"] as? String == ids["task_role.worker"])
    }
}
