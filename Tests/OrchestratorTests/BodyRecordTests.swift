import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// How a record's row is written: every column ends up with the record's value, and an upsert
/// names an indexed column in an `UPDATE ... SET` only when its value changes (naming it makes
/// SQLite rewrite its index entries, a page per commit, even for the same value).
@Suite struct BodyRecordTests {
    private func cluster(name: String, status: String, team: String) -> Cluster {
        Cluster(clusterArn: ARN.cluster("c"), clusterName: name, status: status, registeredContainerInstancesCount: 0,
                runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0, settings: nil,
                tags: [Tag(key: "team", value: team)], capacityProviders: nil)
    }

    /// A store whose connection logs every `UPDATE` that sets the cluster's `name` (indexed:
    /// UNIQUE) or `status` (not indexed), whatever the value.
    private func store() throws -> DatabaseQueue {
        let db = try DatabaseQueue()
        try Migrations.migrator.migrate(db)
        try db.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE sets (col TEXT NOT NULL);
                CREATE TEMP TRIGGER setsName AFTER UPDATE OF name ON main.cluster BEGIN INSERT INTO sets VALUES ('name'); END;
                CREATE TEMP TRIGGER setsStatus AFTER UPDATE OF status ON main.cluster BEGIN INSERT INTO sets VALUES ('status'); END;
                """)
        }
        return db
    }

    private func row(_ db: DatabaseQueue) throws -> Row? {
        try db.read { try Row.fetchOne($0, sql: "SELECT name, status, body FROM cluster WHERE arn = ?", arguments: [ARN.cluster("c")]) }
    }

    @Test func upsertLeavesUnchangedIndexedColumnsOutOfItsUpdate() throws {
        let db = try store()
        try db.write { try cluster(name: "c", status: "ACTIVE", team: "a").upsert($0) }
        try db.write { try cluster(name: "c", status: "INACTIVE", team: "b").upsert($0) }
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT col FROM sets") } == ["status"])
        let r = try #require(try row(db))
        #expect(r["name"] as String == "c" && r["status"] as String == "INACTIVE")
        #expect(String(decoding: r["body"] as Data, as: UTF8.self).contains("\"b\""))
    }

    @Test func upsertMovesAChangedIndexedColumn() throws {
        let db = try store()
        try db.write { try cluster(name: "c", status: "ACTIVE", team: "a").upsert($0) }
        try db.write { try cluster(name: "renamed", status: "ACTIVE", team: "a").upsert($0) }
        #expect(try db.read { try String.fetchAll($0, sql: "SELECT col FROM sets ORDER BY col") } == ["name", "status"])
        // Found through the unique index under its new name only.
        let byName = try db.read { try String.fetchAll($0, sql: "SELECT arn FROM cluster INDEXED BY sqlite_autoindex_cluster_2 WHERE name = ?", arguments: ["renamed"]) }
        #expect(byName == [ARN.cluster("c")])
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cluster WHERE name = 'c'") } == 0)
        // The unique index still holds: another cluster cannot take the name.
        var other = cluster(name: "renamed", status: "ACTIVE", team: "a")
        other.clusterArn = ARN.cluster("other")
        #expect(throws: DatabaseError.self) { try db.write { try other.upsert($0) } }
    }

    @Test func aColumnOnlyInAPartialIndexConditionKeepsThatIndexRight() throws {
        let db = try store()
        // `status` appears in no index's columns, only in this index's condition.
        try db.write { try $0.execute(sql: "CREATE INDEX clusterActive ON cluster(name) WHERE status = 'ACTIVE'") }
        try db.write { try cluster(name: "c", status: "ACTIVE", team: "a").upsert($0) }
        let active = "SELECT arn FROM cluster INDEXED BY clusterActive WHERE name = 'c' AND status = 'ACTIVE'"
        #expect(try db.read { try String.fetchAll($0, sql: active) } == [ARN.cluster("c")])
        try db.write { try cluster(name: "c", status: "INACTIVE", team: "a").upsert($0) }
        #expect(try db.read { try String.fetchAll($0, sql: active) }.isEmpty)
        try db.write { try cluster(name: "c", status: "ACTIVE", team: "b").upsert($0) }
        #expect(try db.read { try String.fetchAll($0, sql: active) } == [ARN.cluster("c")])
    }
}
