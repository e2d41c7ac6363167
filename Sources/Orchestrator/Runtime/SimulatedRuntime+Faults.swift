import Foundation
import GRDB

extension SimulatedRuntime {
    /// Arms a fault; returns it with its id. Needs an image or a container name to match.
    @discardableResult
    public func addFaultRule(_ rule: FaultRule) async throws -> FaultRule {
        guard rule.image != nil || rule.containerName != nil else {
            throw ContainerRuntimeError.invalidSpec("a fault rule needs an image or a container name to match")
        }
        if let remaining = rule.remaining, remaining < 1 {
            throw ContainerRuntimeError.invalidSpec("a fault rule's times must be at least 1 (or nil for forever)")
        }
        let (mode, exitCode, reason): (String, Int?, String?) = switch rule.mode {
        case let .failToStart(reason): ("failToStart", nil, reason)
        case let .exitAfterStart(code): ("exitAfterStart", code, nil)
        case .becomeUnhealthy: ("becomeUnhealthy", nil, nil)
        }
        return try await write { db in
            try db.cachedStatement(sql: """
                    INSERT INTO faultRules (image, imageMatch, containerName, nameMatch, mode, exitCode, reason, remaining)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [rule.image, rule.imageMatch.rawValue, rule.containerName, rule.nameMatch.rawValue,
                            mode, exitCode, reason, rule.remaining])
            var stored = rule
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Every rule, oldest first, including used-up ones (remaining 0).
    public func faultRules() async throws -> [FaultRule] {
        try await read { db in try Self.rules(db) }
    }

    /// Removes one rule; false when there was none with that id.
    @discardableResult
    public func removeFaultRule(id: Int64) async throws -> Bool {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM faultRules WHERE id = ?").execute(arguments: [id])
            return db.changesCount > 0
        }
    }

    public func clearFaultRules() async throws {
        try await write { db in try db.cachedStatement(sql: "DELETE FROM faultRules").execute() }
    }

    static func rules(_ db: Database) throws -> [FaultRule] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM faultRules ORDER BY id")).map { row in
            let modeText: String = row["mode"]
            let mode: FaultRule.Mode
            switch modeText {
            case "failToStart": mode = .failToStart(reason: row["reason"] ?? "")
            case "exitAfterStart": mode = .exitAfterStart(exitCode: row["exitCode"] ?? 1)
            case "becomeUnhealthy": mode = .becomeUnhealthy
            default: throw ContainerRuntimeError.engine("fault rule has an unknown mode \(modeText)")
            }
            var rule = FaultRule(
                image: row["image"], imageMatch: FaultRule.Match(rawValue: row["imageMatch"] ?? "") ?? .exact,
                containerName: row["containerName"], nameMatch: FaultRule.Match(rawValue: row["nameMatch"] ?? "") ?? .exact,
                mode: mode, times: row["remaining"])
            rule.id = row["id"]
            return rule
        }
    }

    /// The oldest rule that still applies to this container.
    static func firstMatchingRule(_ db: Database, image: String, name: String) throws -> FaultRule? {
        try rules(db).first { $0.matches(image: image, name: name) }
    }
}
