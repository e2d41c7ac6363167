import Foundation
import GRDB

/// The orchestrator's durable store: SQLite through GRDB, in WAL mode. Every write is atomic:
/// it commits whole or not at all (in one SQLite transaction with the writes asked for at the
/// same time, each in its own savepoint: `GroupCommit`). A busy timeout makes concurrent
/// processes wait for each other instead of failing. Killing the process at any instant
/// leaves the last committed transaction, and no caller hears of a write before its commit.
final class Store: Sendable {
    let writer: any DatabaseWriter
    let group: GroupCommit

    /// Opens (creating if needed) `<directory>/orchestrator.sqlite`.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: an apply commits many
            // small transactions touching the same pages, and each checkpoint copies every
            // page changed since the last one. Durability is the same (NORMAL in WAL mode:
            // a kill loses nothing committed).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)") }
            // Each write of a group commit runs in a savepoint, whose sub-journal SQLite
            // otherwise spills to a temporary file (~76k writes and 1,300 files at 10k).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let pool = try DatabasePool(path: directory.appendingPathComponent("orchestrator.sqlite").path, configuration: config)
        try Migrations.migrator.migrate(pool)
        writer = pool
        group = GroupCommit(writer: pool)
    }

    static let checkpointPages = 10_000
    /// The writer's page cache: SQLite's 2 MB default held too few of the pages an apply's
    /// transactions touch, and every miss is a read from the WAL (30% fewer reads at 10k).
    static let writerCacheKiB = 16_384

    /// A private in-memory store, for tests.
    init() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue)
        writer = queue
        group = GroupCommit(writer: queue)
    }

    // Writes run on GRDB's writer queue, and the caller suspends until its transaction is
    // done: SQLite takes one writer at a time, and a cooperative thread blocked waiting for
    // it idles a core the other tasks of an apply (runtime writes, encoding, reads) could use.
    // Measured on the 10k apply: 10–13 s against 14 s with transactions run on the calling
    // thread. Writes asked for while one runs commit together (`GroupCommit`). Reads run on
    // the calling thread: WAL readers do not wait for the writer, and a read is shorter than
    // the hand-off to another thread.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await group.write(body)
    }

    /// What GRDB's `inTransaction` does (BEGIN, COMMIT, ROLLBACK on an error), with BEGIN and
    /// COMMIT prepared once per connection instead of every time.
    private static func transaction<T>(_ begin: String, _ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: begin).execute()
        do {
            let value = try body(db)
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return value
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
            throw error
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try readNow(body)
    }

    /// A read transaction on a reader connection (the writer's for an in-memory store).
    private func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.unsafeRead { db in try Self.transaction("BEGIN DEFERRED TRANSACTION", db, body) }
    }
}
