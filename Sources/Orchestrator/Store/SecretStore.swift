import Foundation
import GRDB

/// Secrets Manager-shaped storage: metadata in `body`, the value sealed with AES-GCM.
enum SecretStore {
    static func metadata(_ db: Database, _ idOrArn: String) throws -> SecretMetadata? {
        let name = name(of: idOrArn)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT body FROM secret WHERE name = ?"), arguments: [name]) else { return nil }
        return try BodyCoding.decode(SecretMetadata.self, row)
    }

    static func save(_ db: Database, _ m: SecretMetadata, sealed: Data) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO secret (name, body, sealed) VALUES (?, ?, ?)")
            .execute(arguments: [m.Name, try BodyCoding.encode(m), sealed])
    }

    /// A secret's name from its name or `arn:aws:secretsmanager:local:000000000000:secret:NAME`.
    static func name(of idOrArn: String) -> String {
        let prefix = "arn:aws:secretsmanager:\(ARN.region):\(ARN.account):secret:"
        return idOrArn.hasPrefix(prefix) ? String(idOrArn.dropFirst(prefix.count)) : idOrArn
    }

    /// The named secrets' values, decrypted, by name (missing ones are absent): only for
    /// handing to the runtime at launch, so only what the tasks reference is opened.
    static func open(_ db: Database, names: Set<String>, sealer: SecretSealer) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in names {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT sealed FROM secret WHERE name = ?"), arguments: [name]) else { continue }
            out[name] = try sealer.open(row["sealed"])
        }
        return out
    }

    /// Every secret value, decrypted, by name: only for handing to the runtime at launch.
    static func openAll(_ db: Database, sealer: SecretSealer) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sealed FROM secret") {
            out[row["name"]] = try sealer.open(row["sealed"])
        }
        return out
    }
}
