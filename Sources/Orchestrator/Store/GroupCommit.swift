import Foundation
import GRDB

/// Joins the write transactions asked for while one runs into a single SQLite transaction
/// (group commit), each in a savepoint of its own. SQLite takes one writer at a time, and
/// most of a small action's cost is the transaction itself (taking the write lock, writing
/// the changed pages to the WAL at commit): ten concurrent creates of an apply pay it once
/// instead of ten times.
///
/// Each write stays atomic and isolated: it runs alone in its savepoint, sees the writes
/// before it, and one that throws is rolled back to its savepoint without touching the
/// others. No caller hears of its write before the group's COMMIT, so a kill at any instant
/// loses only writes nobody was told about.
final class GroupCommit: @unchecked Sendable {
    private let writer: any DatabaseWriter
    // Guards `pending` and `draining`; never held while a body runs.
    private let lock = NSLock()
    private var pending: [any GroupedWrite] = []
    private var draining = false
    private var committedGroups = 0

    /// Writes waiting for the next group, and groups committed so far (for tests).
    var counts: (waiting: Int, groups: Int) { lock.withLock { (pending.count, committedGroups) } }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `body` in the next group and returns its result once the group has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(PendingWrite(body: body, continuation: continuation))
        }
    }

    private func enqueue(_ write: any GroupedWrite) {
        let start = lock.withLock { () -> Bool in
            pending.append(write)
            if draining { return false }
            draining = true
            return true
        }
        guard start else { return }
        writer.asyncWriteWithoutTransaction { db in self.drain(db) }
    }

    /// Commits groups on the writer's queue until nothing waits.
    private func drain(_ db: Database) {
        while true {
            let group = lock.withLock { () -> [any GroupedWrite] in
                let taken = pending
                pending = []
                if taken.isEmpty { draining = false }
                return taken
            }
            if group.isEmpty { return }
            commit(group, db)
        }
    }

    private func commit(_ group: [any GroupedWrite], _ db: Database) {
        do {
            try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        } catch {
            for w in group { w.resume(failure: error) }
            return
        }
        // A lone write needs no savepoint: its failure rolls the transaction back.
        let alone = group.count == 1
        var ran: [any GroupedWrite] = []
        var loneFailed = false
        for (i, w) in group.enumerated() {
            let ok = alone ? w.run(db) : w.runInSavepoint(db)
            loneFailed = alone && !ok
            if !ok && !db.isInsideTransaction && !alone {
                // The failure ended the whole transaction (SQLite rolls back on some errors):
                // the writes that ran before it are gone too, so they run again in the next
                // group, with those that had not run yet. Nobody has heard of them.
                w.resume(failure: nil)
                enqueueAgain(ran + group[(i + 1)...])
                return
            }
            ran.append(w)
        }
        if loneFailed {
            // Its own error is what its caller hears; nothing of it stays.
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
        } else {
            do {
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                lock.withLock { committedGroups += 1 }
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                for w in ran { w.resume(failure: error) }
                return
            }
        }
        for w in ran { w.resume(failure: nil) }
    }

    private func enqueueAgain(_ writes: [any GroupedWrite]) {
        lock.withLock { pending = writes + pending }
    }
}

/// A write waiting in `GroupCommit`, type-erased over its result.
private protocol GroupedWrite: AnyObject {
    /// Runs the body; records its result or error. Returns whether it succeeded.
    func run(_ db: Database) -> Bool
    /// `run` inside a savepoint, released on success and rolled back on failure.
    func runInSavepoint(_ db: Database) -> Bool
    /// Tells the caller: the body's own outcome, unless `failure` (the group did not commit).
    func resume(failure: (any Error)?)
}

private final class PendingWrite<T: Sendable>: GroupedWrite {
    let body: @Sendable (Database) throws -> T
    let continuation: CheckedContinuation<T, any Error>
    private var result: Result<T, any Error>?

    init(body: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ db: Database) -> Bool {
        do {
            result = .success(try body(db))
            return true
        } catch {
            result = .failure(error)
            return false
        }
    }

    func runInSavepoint(_ db: Database) -> Bool {
        do {
            try db.cachedStatement(sql: "SAVEPOINT grouped").execute()
        } catch {
            result = .failure(error)
            return false
        }
        if run(db) {
            do {
                try db.cachedStatement(sql: "RELEASE SAVEPOINT grouped").execute()
                return true
            } catch {
                result = .failure(error)
            }
        }
        if db.isInsideTransaction {
            try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT grouped").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT grouped").execute()
        }
        return false
    }

    func resume(failure: (any Error)?) {
        if let failure {
            continuation.resume(throwing: failure)
            return
        }
        switch result {
        case .success(let value)?: continuation.resume(returning: value)
        case .failure(let error)?: continuation.resume(throwing: error)
        case nil: continuation.resume(throwing: DatabaseError(resultCode: .SQLITE_ABORT, message: "the write did not run"))
        }
    }
}
