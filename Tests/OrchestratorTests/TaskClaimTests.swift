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

    /// Another process asks a task to stop while this one starts its containers: recording the
    /// start must not write over that request (the task is stopped, its containers too, and
    /// the service starts a replacement).
    @Test func aStopAskedWhileTheContainersStartIsKept() async throws {
        let h = try Harness()
        try await h.cluster(instances: 2)
        try await h.taskDefinition()
        let store = h.o.store
        let first = Counter()
        h.driver.whileStarting { spec in
            guard first.take() else { return }
            _ = try? await store.write { db in
                guard var t = try ECSTask.fetchOne(db, key: spec.taskArn) else { return }
                try TaskState.requestStop(db, &t, code: "UserInitiated", reason: "stopped by another process", now: Date())
            }
        }
        _ = try await h.o.createService(.init(cluster: "default", serviceName: "web", taskDefinition: "web", desiredCount: 1))
        let asked = try await h.tasks(desired: "STOPPED")
        #expect(asked.count == 1 && asked.first?.stoppedReason == "stopped by another process")
        // The stop is finished by the next converge of the cluster (as after any StopTask).
        try await h.o.reconcileAll()
        let stopped = try await h.tasks(desired: "STOPPED")
        #expect(stopped.count == 1)
        #expect(stopped.first?.lastStatus == "STOPPED")
        #expect(stopped.first?.stoppedReason == "stopped by another process")
        #expect(h.driver.stopped == stopped.map(\.taskArn), "its containers are stopped")
        let running = try await h.tasks()
        #expect(running.count == 1 && running.first?.lastStatus == "RUNNING")
        #expect(try await h.service("web").runningCount == 1)
    }

    /// True the first time only.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        func take() -> Bool { lock.withLock { defer { done = true }; return !done } }
    }
}
