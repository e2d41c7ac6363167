import Foundation
import Testing

@Suite(.serialized) struct DurabilityTests {
    /// A child writing clusters in a loop is killed with SIGKILL mid-loop: the store opens
    /// and holds exactly the committed actions, each with its audit record.
    @Test func sigkillMidWriteLoopLeavesExactlyTheCommittedActions() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run("ecs", "list-clusters").status == 0)   // create the store first
        let input = try cli.batchFile((0..<20000).map { ["action": "CreateCluster", "input": ["clusterName": "c\($0)"]] })
        let (p, out, _) = try cli.process(["ecs", "batch"], stdin: input)
        try p.run()
        // Wait until the child has reported some commits, then kill it without warning.
        var reported = 0
        while reported < 150 && p.isRunning {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            reported = text.split(separator: "\n").count
            usleep(2000)
        }
        #expect(p.isRunning, "the child finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let lines = ((try? String(contentsOf: out, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: true)
        let confirmed = lines.filter { $0.hasSuffix("}") && $0.contains("\"output\"") }.count
        let stored = try cli.listAll(["ecs", "list-clusters"], key: "clusterArns")
        let names = Set(stored.map { String($0.split(separator: "/").last ?? "") })
        // Every confirmed write is there; at most one more (committed, killed before it was reported).
        #expect(names.count >= confirmed && names.count <= confirmed + 1)
        #expect(names == Set((0..<names.count).map { "c\($0)" }))
        let audit = try cli.run("ecs", "list-audit-records", "--max-results", "10000")
        let records = ((audit.json as? [String: Any])?["auditRecords"] as? [[String: Any]]) ?? []
        #expect(records.filter { $0["action"] as? String == "CreateCluster" }.count == names.count)
        // And the store still takes writes.
        #expect(try cli.run("ecs", "create-cluster", "--cluster-name", "after").status == 0)
    }

    /// Two processes each register 500 revisions of the same family at once: all 1,000
    /// exist, numbered 1...1000 without gaps or duplicates.
    @Test func twoProcessesWriting500EachEndWithAll1000() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run("ecs", "list-clusters").status == 0)
        let line: [String: Any] = ["action": "RegisterTaskDefinition", "input": [
            "family": "shared", "containerDefinitions": [["name": "app", "image": "nginx", "memory": 64]]]]
        let input = try cli.batchFile(Array(repeating: line, count: 500))
        let a = try cli.process(["ecs", "batch"], stdin: input)
        let b = try cli.process(["ecs", "batch"], stdin: input)
        try a.0.run()
        try b.0.run()
        a.0.waitUntilExit()
        b.0.waitUntilExit()
        #expect(a.0.terminationStatus == 0, "\((try? String(contentsOf: a.1, encoding: .utf8))?.suffix(300) ?? "")")
        #expect(b.0.terminationStatus == 0)
        let arns = try cli.listAll(["ecs", "list-task-definitions", "--family-prefix", "shared"], key: "taskDefinitionArns")
        #expect(arns.count == 1000)
        let revisions = Set(arns.compactMap { $0.split(separator: ":").last.flatMap { Int($0) } })
        #expect(revisions == Set(1...1000))
    }
}
