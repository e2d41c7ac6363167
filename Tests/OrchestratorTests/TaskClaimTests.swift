import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// A process killed while it starts a task's containers leaves the task PENDING under its
/// claim; the next process must take it over at once, not wait for the claim to time out.
@Suite struct TaskClaimTests {
    /// The pid of a process that has exited (and been reaped).
    func deadPid() throws -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return Int(p.processIdentifier)
    }

    func strand(_ h: Harness, taskArn: String, pid: Int) async throws {
        try await h.o.store.write { db in
            guard var t = try ECSTask.fetchOne(db, key: taskArn) else { return }
            t.lastStatus = "PENDING"
            t.startedAt = nil
            t.pullStartedAt = Date()
            try t.save(db)
            try db.execute(sql: "INSERT OR REPLACE INTO taskClaim (taskArn, host, pid) VALUES (?, ?, ?)",
                           arguments: [taskArn, TaskClaim.host, pid])
        }
    }

    @Test func aClaimWhoseProcessIsGoneIsTakenOverAtOnce() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition()
        let arn = try #require(try await h.o.runTask(.init(taskDefinition: "web")).tasks.first?.taskArn)
        try await strand(h, taskArn: arn, pid: try deadPid())
        try await h.o.reconcileAll()
        let t = try #require(try await h.tasks().first { $0.taskArn == arn })
        #expect(t.lastStatus == "RUNNING")
    }

    @Test func aLiveClaimIsLeftToItsHolder() async throws {
        let h = try Harness()
        try await h.cluster(instances: 1)
        try await h.taskDefinition()
        let arn = try #require(try await h.o.runTask(.init(taskDefinition: "web")).tasks.first?.taskArn)
        // pid 1 is alive on any host: its fresh claim must be respected.
        try await strand(h, taskArn: arn, pid: 1)
        try await h.o.reconcileAll()
        let t = try #require(try await h.tasks().first { $0.taskArn == arn })
        #expect(t.lastStatus == "PENDING")
    }
}
