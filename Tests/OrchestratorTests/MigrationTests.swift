import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// Migrations only go forward and keep what an older store holds.
@Suite struct MigrationTests {
    @Test func tablesRebuiltForFewerPagesKeepTheirRows() throws {
        let db = try DatabaseQueue()
        try Migrations.migrator.migrate(db, upTo: "v2-task-claims")
        try db.write { db in
            try db.execute(sql: "INSERT INTO tag (resourceArn, key, value) VALUES ('arn:a', 'team', 'ops'), ('arn:a', 'env', NULL)")
            try db.execute(sql: "INSERT INTO rolePolicy (roleName, policyName, document) VALUES ('r', 'p', '{}')")
            try db.execute(sql: "INSERT INTO taskClaim (taskArn, host, pid) VALUES ('arn:t', 'h', 42)")
            for i in 1...3 {
                try db.execute(sql: "INSERT INTO audit (time, principal, action, resourceArn, request) VALUES ('t', 'p', 'A\(i)', 'arn:a', '{}')")
            }
        }
        try Migrations.migrator.migrate(db)
        try db.read { db in
            let tags = try Row.fetchAll(db, sql: "SELECT key, value FROM tag WHERE resourceArn = 'arn:a' ORDER BY key")
            #expect(tags.map { $0["key"] as String } == ["env", "team"])
            #expect(tags.map { $0["value"] as String? } == [nil, "ops"])
            #expect(try String.fetchOne(db, sql: "SELECT document FROM rolePolicy WHERE roleName = 'r' AND policyName = 'p'") == "{}")
            #expect(try Int.fetchOne(db, sql: "SELECT pid FROM taskClaim WHERE taskArn = 'arn:t'") == 42)
            let withoutRowid = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID'")
            #expect(Set(withoutRowid) == ["tag", "rolePolicy", "taskClaim"])
            #expect(try String.fetchAll(db, sql: "SELECT action FROM audit ORDER BY id") == ["A1", "A2", "A3"])
        }
        // The next audit record follows the last one kept.
        try db.write { try $0.execute(sql: "INSERT INTO audit (time, principal, action, resourceArn, request) VALUES ('t', 'p', 'A4', 'arn:a', '{}')") }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT id FROM audit WHERE action = 'A4'") } == 4)
        // The key still refuses a duplicate.
        #expect(throws: DatabaseError.self) {
            try db.write { try $0.execute(sql: "INSERT INTO tag (resourceArn, key, value) VALUES ('arn:a', 'team', 'x')") }
        }
    }

    @Test func instanceListsOfAClusterAreReadFromTheIndexAlone() throws {
        let db = try DatabaseQueue()
        try Migrations.migrator.migrate(db, upTo: "v3-fewer-pages-per-write")
        let body = Data("{}".utf8)
        try db.write { db in
            try db.execute(sql: "INSERT INTO containerInstance (arn, clusterArn, status, body) VALUES ('arn:i1', 'arn:c', 'ACTIVE', ?), ('arn:i2', 'arn:c', 'DRAINING', ?)",
                           arguments: [body, body])
        }
        try Migrations.migrator.migrate(db)
        try db.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT arn, status FROM containerInstance WHERE clusterArn = 'arn:c'")
                .map { $0["detail"] as String }.joined(separator: "\n")
            #expect(plan.contains("COVERING INDEX containerInstance_cluster"), "\(plan)")
            let rows = try Row.fetchAll(db, sql: "SELECT arn, status FROM containerInstance WHERE clusterArn = 'arn:c' ORDER BY arn")
            #expect(rows.map { $0["status"] as String } == ["ACTIVE", "DRAINING"])
        }
    }
}
