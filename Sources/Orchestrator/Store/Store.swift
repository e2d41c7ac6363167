import Foundation
import GRDB

/// The orchestrator's durable store: SQLite through GRDB, in WAL mode. Every action is one
/// write transaction; a busy timeout makes concurrent processes wait for each other instead
/// of failing. Killing the process at any instant leaves the last committed transaction.
final class Store: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) `<directory>/orchestrator.sqlite`.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: directory.appendingPathComponent("orchestrator.sqlite").path, configuration: config)
        try Migrations.migrator.migrate(pool)
        writer = pool
    }

    /// A private in-memory store, for tests.
    init() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue)
        writer = queue
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }
}
