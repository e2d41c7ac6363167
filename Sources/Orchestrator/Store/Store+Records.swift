import Foundation
import GRDB

// Record conformances: each model is stored as its ECS JSON in `body`, with the columns
// that queries filter on beside it. Reading decodes the body, so the JSON stays the truth.

enum BodyCoding {
    // One configured coder each, shared: they hold only their options.
    private static let encoder = ECSJSON.encoder()
    private static let decoder = ECSJSON.decoder()

    /// Models with a direct writer (`BodyJSONEncodable`) skip `JSONEncoder`.
    static func encode<T: Encodable>(_ v: T) throws -> Data {
        if let direct = v as? any BodyJSONEncodable { return try BodyJSONWriter.encode(direct) }
        return try encoder.encode(v)
    }
    static func decode<T: Decodable>(_ t: T.Type, _ row: Row) throws -> T {
        let data: Data = row["body"]
        return try decoder.decode(t, from: data)
    }
    /// Models with a hand-written reader skip `JSONDecoder` (falling back to it on anything
    /// the reader does not expect).
    static func decode<T: FastBodyDecodable>(_ t: T.Type, _ row: Row) throws -> T {
        let data: Data = row["body"]
        return try T.decodeBody(data, fallback: decoder)
    }
    /// As above, through the type's memo (see `BodyMemo`).
    static func decode<T: FastBodyDecodable & BodyRecord>(_ t: T.Type, _ row: Row) throws -> T {
        let data: Data = row["body"]
        guard let memo = T.bodyMemo, let key = row["arn"] as String? else { return try T.decodeBody(data, fallback: decoder) }
        return try memo.value(key: key, body: data) { try T.decodeBody($0, fallback: decoder) }
    }
}

/// A model stored as its body beside the columns queries filter on. `upsert` writes it with
/// one cached `INSERT ... ON CONFLICT DO UPDATE`; GRDB's `save` looks the primary key up and
/// builds its statement on every call, which the controller's passes pay per task.
protocol BodyRecord: PersistableRecord, Encodable, Sendable {
    /// The primary key column first, then the other indexed columns; `body` is added.
    var columns: [(String, (any DatabaseValueConvertible)?)] { get }
    /// Decoded bodies by their bytes, for the models the controller reads again and again.
    /// (A write does not prime it with the value it encoded: decoding does not give back
    /// exactly equal dates, and every reader must see the same value for the same bytes.)
    static var bodyMemo: BodyMemo<Self>? { get }
}

extension BodyRecord {
    static var bodyMemo: BodyMemo<Self>? { nil }

    public func encode(to c: inout PersistenceContainer) throws {
        for (name, value) in columns { c[name] = value }
        c["body"] = try BodyCoding.encode(self)
    }

    /// Inserts or replaces the row.
    func upsert(_ db: Database) throws {
        try write(db, replacing: true)
    }

    /// Inserts the row; an existing key is an error (as GRDB's `insert`).
    func insertCached(_ db: Database) throws {
        try write(db, replacing: false)
    }

    private func write(_ db: Database, replacing: Bool) throws {
        let columns = columns
        let body = try BodyCoding.encode(self)
        var arguments = StatementArguments(columns.map(\.1))
        _ = arguments.append(contentsOf: [body])
        let sql = try BodyRecordSQL.statements(Self.self, columns: columns, db)
        guard replacing else { return try db.cachedStatement(sql: sql.insert).execute(arguments: arguments) }
        try db.cachedStatement(sql: sql.upsert).execute(arguments: arguments)
        // No change: the row exists with other values in an indexed column.
        if db.changesCount == 0, let upsertMoving = sql.upsertMoving {
            try db.cachedStatement(sql: upsertMoving).execute(arguments: arguments)
        }
    }
}

/// Each record type's insert and upsert statements, built once.
///
/// An upsert that names an indexed column in its `SET` rewrites that column's index entries
/// even when the value is unchanged (SQLite does not compare), and every rewritten entry is a
/// page in the next commit's WAL frames. So the upsert sets only the columns no index holds,
/// on the condition that the indexed ones keep their values (true for most writes: a
/// service's counts, an instance's remaining resources); when that condition fails, nothing
/// changed, and a second upsert sets every column. Either way every column ends up with the
/// record's value, so the list of indexed columns decides only the speed: a column it misses
/// (one used only in a partial index's `WHERE` or inside an index expression) is set on
/// every write, and SQLite keeps that index right as before.
private enum BodyRecordSQL {
    struct Statements {
        var insert: String
        /// Sets the columns no index holds, where the indexed ones are unchanged.
        var upsert: String
        /// Sets every column (nil: no index holds a column but the key).
        var upsertMoving: String?
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [ObjectIdentifier: Statements] = [:]

    static func statements<R: BodyRecord>(_ type: R.Type, columns: [(String, (any DatabaseValueConvertible)?)],
                                          _ db: Database) throws -> Statements {
        let id = ObjectIdentifier(type)
        if let statements = lock.withLock({ known[id] }) { return statements }
        let table = R.databaseTableName
        let names = columns.map(\.0) + ["body"]
        let indexedNames = try indexedColumns(table, db)
        let insert = "INSERT INTO \"\(table)\" (\(names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        let conflict = insert + " ON CONFLICT(\(names[0])) DO UPDATE SET "
        func sets(_ columns: [String]) -> String { columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ") }
        let indexed = names.dropFirst().filter { indexedNames.contains($0) }
        let plain = names.dropFirst().filter { !indexedNames.contains($0) }
        var statements = Statements(insert: insert, upsert: conflict + sets(plain), upsertMoving: nil)
        if !indexed.isEmpty {
            statements.upsert += " WHERE " + indexed.map { "\($0) IS excluded.\($0)" }.joined(separator: " AND ")
            statements.upsertMoving = conflict + sets(Array(names.dropFirst()))
        }
        lock.withLock { known[id] = statements }
        return statements
    }

    /// Every column some index of `table` holds (its primary key's too), from the schema.
    private static func indexedColumns(_ table: String, _ db: Database) throws -> Set<String> {
        var out = Set<String>()
        for index in try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?)", arguments: [table]) {
            let name: String = index["name"]
            for column in try String?.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [name]) {
                if let column { out.insert(column) }
            }
        }
        return out
    }
}

extension Cluster: FetchableRecord, BodyRecord {
    public static let databaseTableName = "cluster"
    static let bodyMemo: BodyMemo<Cluster>? = BodyMemo(limit: 256)
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] { [("arn", clusterArn), ("name", clusterName), ("status", status)] }
}

extension ContainerInstance: FetchableRecord, BodyRecord {
    public static let databaseTableName = "containerInstance"
    static let bodyMemo: BodyMemo<ContainerInstance>? = BodyMemo(limit: 2048)
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [("arn", containerInstanceArn), ("clusterArn", ARN.cluster(ARN.clusterOf(containerInstanceArn))), ("status", status)]
    }
}

extension TaskDefinition: FetchableRecord, BodyRecord {
    public static let databaseTableName = "taskDefinition"
    static let bodyMemo: BodyMemo<TaskDefinition>? = BodyMemo(limit: 1024)
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [("arn", taskDefinitionArn), ("family", family), ("revision", revision), ("status", status)]
    }
}

extension Service: FetchableRecord, BodyRecord {
    public static let databaseTableName = "service"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [("arn", serviceArn), ("clusterArn", clusterArn), ("name", serviceName), ("status", status)]
    }
}

extension ECSTask: FetchableRecord, BodyRecord {
    public static let databaseTableName = "task"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [("arn", taskArn), ("clusterArn", clusterArn), ("serviceArn", serviceArn), ("containerInstanceArn", containerInstanceArn),
         ("lastStatus", lastStatus), ("desiredStatus", desiredStatus), ("family", ARN.familyOf(taskDefinitionArn)),
         ("startedBy", startedBy), ("taskGroup", group)]
    }

    /// The service that owns this task, from its `service:NAME` group.
    var serviceArn: String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return ARN.service(cluster: ARN.lastComponent(clusterArn), name: String(group.dropFirst("service:".count)))
    }
}

extension Role: FetchableRecord, BodyRecord {
    public static let databaseTableName = "role"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    var columns: [(String, (any DatabaseValueConvertible)?)] { [("name", RoleName)] }
}

extension ARN {
    /// The cluster name inside a service, task or container-instance ARN.
    static func clusterOf(_ arn: String) -> String {
        let parts = arn.split(separator: "/")
        return parts.count >= 3 ? String(parts[parts.count - 2]) : "default"
    }
    /// The family of a task definition ARN or `family:revision`.
    static func familyOf(_ td: String) -> String {
        let last = td.hasPrefix("arn:") ? lastComponent(td) : td
        return last.split(separator: ":").first.map(String.init) ?? last
    }
}
