import Foundation
import GRDB

/// A deterministic `ContainerRuntime` that runs nothing: containers are rows in their own
/// SQLite file, so a container "started" by one short CLI process is still running when
/// the next process looks. Several processes may share the file (WAL, one transaction per
/// operation). Faults are injected with `FaultRule`s or the direct controls below.
///
/// A container that starts without a fault runs (health `healthy` when it has a health
/// check) until stopped, then has exit code 0.
public final class SimulatedRuntime: ContainerRuntime {
    let writer: any DatabaseWriter
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - path: the SQLite file (created if missing); nil keeps everything in memory.
    ///   - now: the clock for created/started/finished times.
    public init(path: URL?, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.now = now
        do {
            if let path {
                var configuration = Configuration()
                configuration.busyMode = .timeout(10)
                // As the orchestrator's store: in WAL mode a commit is in the file once written,
                // so a killed process loses nothing; only the fsync per commit is saved. A launch
                // of many tasks dirties more pages than SQLite's default 2 MB cache holds (it would
                // write them to the WAL twice), and each container touches a few index pages all
                // over the file: an 8 MB cache and rarer checkpoints copy each page back less often.
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    // Statement journals in memory, not in temporary files.
                    try db.execute(sql: "PRAGMA temp_store = MEMORY")
                    // The writer only: readers look at few pages.
                    if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 4000") }
                }
                writer = try DatabasePool(path: path.path, configuration: configuration)
            } else {
                writer = try DatabaseQueue()
            }
            try Self.migrator.migrate(writer)
        } catch {
            throw ContainerRuntimeError.engine("cannot open the simulated runtime store at \(path?.path ?? ":memory:"): \(error)")
        }
    }

    /// Append-only: a shipped migration is never changed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                CREATE TABLE containers (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE,
                    image TEXT NOT NULL,
                    spec TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    state TEXT NOT NULL,
                    exitCode INTEGER,
                    health TEXT NOT NULL,
                    error TEXT,
                    createdAt DOUBLE NOT NULL,
                    startedAt DOUBLE,
                    finishedAt DOUBLE
                );
                CREATE TABLE faultRules (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    image TEXT,
                    imageMatch TEXT NOT NULL,
                    containerName TEXT,
                    nameMatch TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    exitCode INTEGER,
                    reason TEXT,
                    remaining INTEGER
                );
                """)
        }
        migrator.registerMigration("v2-label-index") { db in
            // Labels as rows, indexed by key and value, so `list(labels:)` reads only the
            // matching containers instead of decoding every one. Backfilled from the JSON column.
            try db.execute(sql: """
                CREATE TABLE containerLabels (
                    containerId TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (containerId, key)
                ) WITHOUT ROWID;
                CREATE INDEX containerLabels_value ON containerLabels(key, value);
                INSERT INTO containerLabels (containerId, key, value)
                    SELECT containers.id, j.key, j.value FROM containers, json_each(containers.labels) AS j;
                """)
        }
        migrator.registerMigration("v3-labels-by-value") { db in
            // One B-tree per label instead of two: rows keyed by (key, value, container) serve
            // `list(labels:)`; a container's own labels are read from its `labels` JSON, which is
            // written in the same statement-pair as the rows and removed with them.
            try db.execute(sql: """
                CREATE TABLE containerLabelsByValue (
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    containerId TEXT NOT NULL,
                    PRIMARY KEY (key, value, containerId)
                ) WITHOUT ROWID;
                INSERT INTO containerLabelsByValue (key, value, containerId) SELECT key, value, containerId FROM containerLabels;
                DROP TABLE containerLabels;
                """)
        }
        return migrator
    }

    // MARK: ContainerRuntime

    public func create(_ spec: ContainerSpec) async throws -> String {
        let (specJSON, labelsJSON) = try Self.validated(spec)
        let time = now().timeIntervalSince1970
        return try await write { db in
            try Self.insert(db, spec, specJSON: specJSON, labelsJSON: labelsJSON, time: time)
        }
    }

    public func start(_ container: String) async throws {
        let time = now().timeIntervalSince1970
        let failure: ContainerRuntimeError? = try await write { db in
            try Self.start(db, container, time: time)
        }
        if let failure { throw failure }
    }

    /// Create and start in one transaction; a container that fails to start is removed in
    /// the same transaction (what a caller would do next), its fault rule still counted.
    public func createAndStart(_ spec: ContainerSpec) async throws -> ContainerInfo {
        guard let result = await createAndStart(groups: [[spec]]).first?.first else {
            throw ContainerRuntimeError.engine("simulated runtime: no outcome for container \(spec.name)")
        }
        return try result.get()
    }

    /// Every group in one transaction, with the semantics of the protocol's default (a
    /// group stops at its first failure and removes what it had started). Each container is
    /// written once, in the state its start leaves it in, since the start's outcome (fault
    /// rule, health check) is known before the row is.
    public func createAndStart(groups: [[ContainerSpec]]) async -> [[Result<ContainerInfo, any Error>]] {
        let time = now().timeIntervalSince1970
        // Encoded outside the transaction; a spec that fails validation fails where it stands.
        let encoded = groups.map { group in group.map { spec in Result { try Self.validated(spec) } } }
        do {
            return try await write { db in
                var batch = try CreateBatch(db)
                let out = try zip(groups, encoded).map { group, stored in
                    var results: [Result<ContainerInfo, any Error>] = []
                    for (spec, json) in zip(group, stored) {
                        do {
                            results.append(.success(try batch.createAndStart(db, spec, json.get(), time: time)))
                        } catch let error as ContainerRuntimeError {
                            for case .success(let started) in results { try Self.delete(db, started.id) }
                            results.append(.failure(error))
                            break
                        }
                    }
                    return results
                }
                try batch.finish(db)
                return out
            }
        } catch {
            let failure = error as? ContainerRuntimeError ?? .engine("simulated runtime store: \(error)")
            return groups.map { _ in [.failure(failure)] }
        }
    }

    static func delete(_ db: Database, _ id: String) throws {
        try db.cachedStatement(sql: """
                DELETE FROM containerLabelsByValue WHERE (key, value, containerId) IN
                    (SELECT j.key, j.value, c.id FROM containers c, json_each(c.labels) AS j WHERE c.id = ?)
                """).execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM containers WHERE id = ?").execute(arguments: [id])
    }

    static func validated(_ spec: ContainerSpec) throws -> (spec: String, labels: String) {
        guard !spec.name.isEmpty else { throw ContainerRuntimeError.invalidSpec("the container name is empty") }
        guard !spec.image.isEmpty else { throw ContainerRuntimeError.invalidSpec("container \(spec.name) has no image") }
        return try ContainerSpecJSON.encode(spec)
    }

    /// `sim-` and the counter, at least six digits.
    static func containerID(_ n: Int) -> String {
        let digits = String(n)
        return digits.count >= 6 ? "sim-" + digits : "sim-" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    private static func insert(_ db: Database, _ spec: ContainerSpec, specJSON: String, labelsJSON: String, time: Double) throws -> String {
        let next: Int
        if let bumped = try Int.fetchOne(db.cachedStatement(sql: "UPDATE counters SET value = value + 1 WHERE name = 'container' RETURNING value")) {
            next = bumped
        } else {
            try db.cachedStatement(sql: "INSERT INTO counters (name, value) VALUES ('container', 1)").execute()
            next = 1
        }
        let id = containerID(next)
        try insertRow(db, id: id, spec, specJSON: specJSON, labelsJSON: labelsJSON,
                      state: .created, exitCode: nil, health: .none, error: nil, time: time, startedAt: nil, finishedAt: nil)
        try insertLabels(db, id: id, labelsJSON: labelsJSON)
        return id
    }

    /// One container row; a taken name is `nameConflict` (the id never repeats).
    static func insertRow(
        _ db: Database, id: String, _ spec: ContainerSpec, specJSON: String, labelsJSON: String,
        state: ContainerInfo.State, exitCode: Int?, health: ContainerInfo.Health, error: String?,
        time: Double, startedAt: Double?, finishedAt: Double?
    ) throws {
        do {
            try db.cachedStatement(sql: """
                    INSERT INTO containers (id, name, image, spec, labels, state, exitCode, health, error, createdAt, startedAt, finishedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [id, spec.name, spec.image, specJSON, labelsJSON, state.rawValue, exitCode,
                                             health.rawValue, error, time, startedAt, finishedAt])
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw ContainerRuntimeError.nameConflict(spec.name)
        }
    }

    /// The label rows of a container, from the labels JSON it is stored with: one statement.
    static func insertLabels(_ db: Database, id: String, labelsJSON: String) throws {
        guard labelsJSON != "{}" else { return }
        try db.cachedStatement(sql: """
                INSERT INTO containerLabelsByValue (key, value, containerId) SELECT key, value, ? FROM json_each(?)
                """).execute(arguments: [id, labelsJSON])
    }

    /// Starts `container` inside a transaction; a start failure is returned (not thrown) so
    /// that the fault rule's count commits with it.
    private static func start(_ db: Database, _ container: String, time: Double) throws -> ContainerRuntimeError? {
        let record = try Self.status(db, container)
        if record.state == .running { return nil }
        let rule = try Self.firstMatchingRule(db, image: record.image, name: record.name)
        if let id = rule?.id, let remaining = rule?.remaining {
            try db.cachedStatement(sql: "UPDATE faultRules SET remaining = ? WHERE id = ?").execute(arguments: [remaining - 1, id])
        }
        let outcome = StartOutcome(rule?.mode, image: record.image, hasHealthCheck: record.hasHealthCheck)
        if let failure = outcome.failure {
            try db.cachedStatement(sql: "UPDATE containers SET error = ? WHERE id = ?").execute(arguments: [outcome.error, record.id])
            return failure
        }
        try db.cachedStatement(sql: """
                UPDATE containers SET state = ?, exitCode = ?, health = ?, error = NULL, startedAt = ?, finishedAt = ? WHERE id = ?
                """).execute(arguments: [outcome.state.rawValue, outcome.exitCode, outcome.health.rawValue, time,
                                         outcome.finished ? time : nil, record.id])
        return nil
    }

    public func stop(_ container: String, timeout: Duration) async throws {
        let time = now().timeIntervalSince1970
        try await write { db in
            let record = try Self.status(db, container)
            guard record.state == .running else { return }
            try db.cachedStatement(sql: "UPDATE containers SET state = 'exited', exitCode = 0, finishedAt = ? WHERE id = ?").execute(arguments: [time, record.id])
        }
    }

    public func remove(_ container: String, force: Bool) async throws {
        try await write { db in
            let record = try Self.status(db, container)
            if record.state == .running, !force {
                throw ContainerRuntimeError.invalidState(id: record.id, state: .running, operation: "remove")
            }
            try Self.delete(db, record.id)
        }
    }

    public func inspect(_ container: String) async throws -> ContainerInfo {
        try await read { db in try Self.info(db, container) }
    }

    public func inspect(ids: [String]) async -> [String: ContainerInfo]? {
        guard !ids.isEmpty else { return [:] }
        guard let infos = try? await read({ db in try Self.infos(db, ids: ids) }) else { return nil }
        return Dictionary(infos.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func list(labels: [String: String]) async throws -> [ContainerInfo] {
        try await read { db in try Self.infos(db, labels: labels) }
    }

    public func logs(_ container: String, tail: Int?) async throws -> [ContainerLogLine] {
        let record = try await read { db in try Self.fetch(db, container) }
        let lines = record.logLines
        guard let tail else { return lines }
        return Array(lines.suffix(max(0, tail)))
    }

    // MARK: Direct controls for tests

    /// Makes a running (or created) container exit now with `code`.
    public func forceExit(_ container: String, code: Int) async throws {
        let time = now().timeIntervalSince1970
        try await write { db in
            let record = try Self.status(db, container)
            guard record.state != .exited else { return }
            try db.cachedStatement(sql: "UPDATE containers SET state = 'exited', exitCode = ?, finishedAt = ?, startedAt = COALESCE(startedAt, ?) WHERE id = ?").execute(arguments: [code, time, time, record.id])
        }
    }

    /// Sets the health of a running container now (e.g. `.unhealthy` to fail a deployment).
    public func setHealth(_ container: String, _ health: ContainerInfo.Health) async throws {
        try await write { db in
            let record = try Self.status(db, container)
            guard record.state == .running else {
                throw ContainerRuntimeError.invalidState(id: record.id, state: record.state, operation: "change the health of")
            }
            try db.cachedStatement(sql: "UPDATE containers SET health = ? WHERE id = ?").execute(arguments: [health.rawValue, record.id])
        }
    }

    // MARK: Plumbing

    /// One write transaction; store failures become `ContainerRuntimeError.engine`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try writeNow(body)
        } catch let error as ContainerRuntimeError {
            throw error
        } catch {
            throw ContainerRuntimeError.engine("simulated runtime store: \(error)")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try readNow(body)
        } catch let error as ContainerRuntimeError {
            throw error
        } catch {
            throw ContainerRuntimeError.engine("simulated runtime store: \(error)")
        }
    }

    // Synchronous, as in the orchestrator's `Store`: short local transactions, no handoff.
    private func writeNow<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }
    private func readNow<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw ContainerRuntimeError.invalidSpec("cannot encode: \(error)")
        }
    }
}
