import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// Writes asked for while one runs commit together, each in its own savepoint: a write that
/// fails leaves no trace and does not undo the others of its group.
@Suite struct GroupCommitTests {
    struct Refused: Error, Equatable { let name: String }

    /// Runs `first` alone, and while it holds the writer, queues `rest` (each inserting a role
    /// named after it); returns each write's outcome once all are done.
    private func group(_ store: Store, rest: [(name: String, fails: Bool)],
                       inside: (@Sendable (Database, String) throws -> Void)? = nil) async throws -> [String: Result<String, Refused>] {
        let gate = DispatchSemaphore(value: 0)
        let group = store.group
        let started = Counter()
        let first = Task {
            try await store.write { db in
                started.add("first")
                gate.wait()
            try db.execute(sql: "INSERT INTO role (name, body) VALUES ('first', x'00')")
                return "first"
            }
        }
        for _ in 0..<1000 where started.names.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        return try await withThrowingTaskGroup(of: (String, Result<String, Refused>).self) { tasks in
            for (name, fails) in rest {
                tasks.addTask {
                    do {
                        let value = try await store.write { db -> String in
                            try db.execute(sql: "INSERT INTO role (name, body) VALUES (?, x'00')", arguments: [name])
                            try inside?(db, name)
                            if fails { throw Refused(name: name) }
                            return name
                        }
                        return (name, .success(value))
                    } catch let e as Refused {
                        return (name, .failure(e))
                    }
                }
            }
            // Hold the writer until every other write waits for the next group.
            for _ in 0..<1000 where group.counts.waiting < rest.count { try await Task.sleep(for: .milliseconds(5)) }
            gate.signal()
            var out: [String: Result<String, Refused>] = ["first": .success(try await first.value)]
            for try await (name, result) in tasks { out[name] = result }
            return out
        }
    }

    private func roles(_ store: Store) async throws -> Set<String> {
        Set(try await store.read { db in try String.fetchAll(db, sql: "SELECT name FROM role") })
    }

    @Test func waitingWritesCommitAsOneGroupAndAFailureUndoesOnlyItself() async throws {
        let store = try Store()
        let rest = (0..<20).map { (name: "r\($0)", fails: $0 % 5 == 2) }
        let before = store.group.counts.groups
        let results = try await group(store, rest: rest)
        #expect(store.group.counts.groups - before == 2, "the first write, then one group for the twenty that waited")
        for (name, fails) in rest {
            #expect(results[name] == (fails ? .failure(Refused(name: name)) : .success(name)))
        }
        #expect(try await roles(store) == Set(["first"] + rest.filter { !$0.fails }.map(\.name)))
    }

    @Test func aWriteThatEndsTheTransactionIsRetriedWithoutTheOthersLosingTheirs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(directory: directory)
        let runs = Counter()
        let results = try await group(store, rest: [("a", false), ("b", true), ("c", false)]) { db, name in
            runs.add(name)
            // Ends the whole group's transaction, as some SQLite errors do.
            if name == "b" { try db.execute(sql: "ROLLBACK TRANSACTION") }
        }
        #expect(results["a"] == .success("a") && results["c"] == .success("c"))
        #expect(results["b"] == .failure(Refused(name: "b")))
        #expect(try await roles(store) == ["first", "a", "c"])
        #expect(runs.names.filter { $0 == "b" }.count == 1, "the failed write is not run again")
        #expect(runs.names.filter { $0 == "a" }.count == 2, "the write rolled back with it runs again")
    }

    @Test func aLoneWriteThatFailsIsRolledBack() async throws {
        let store = try Store()
        await #expect(throws: Refused.self) {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO role (name, body) VALUES ('lone', x'00')")
                throw Refused(name: "lone")
            }
        }
        #expect(try await roles(store).isEmpty)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ name: String) { lock.withLock { items.append(name) } }
        var names: [String] { lock.withLock { items } }
    }
}
