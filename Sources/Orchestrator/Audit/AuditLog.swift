import Foundation
import GRDB

/// Appends audit records inside the action's own transaction, so an action and its
/// record commit (or vanish) together.
enum AuditLog {
    static func append(_ db: Database, time: Date, principal: String, action: String, resourceArn: String, request: some Encodable) throws {
        try append(db, time: time, principal: principal, action: action, resourceArn: resourceArn, text: try requestText(request))
    }

    /// Appends a record whose request is already `requestText`: an action that records
    /// several resources, or that prepares the text outside its transaction, encodes once.
    static func append(_ db: Database, time: Date, principal: String, action: String, resourceArn: String, text: String) throws {
        try db.execute(
            sql: "INSERT INTO audit (time, principal, action, resourceArn, request) VALUES (?, ?, ?, ?, ?)",
            arguments: [time.formatted(.iso8601), principal, action, resourceArn, text])
    }

    /// The request as stored: ECS JSON with every secret member redacted. A request none of
    /// whose bytes spell a secret member's quoted name has nothing to redact, so its encoding
    /// (sorted keys, as the redacted form's) is stored as it is, without a decode and re-encode.
    static func requestText(_ request: some Encodable) throws -> String {
        let data = try ECSJSON.encode(request)
        if !secretKeyPatterns.contains(where: { data.range(of: $0) != nil }) {
            return String(decoding: data, as: UTF8.self)
        }
        let value = try ECSJSON.decode(JSONValue.self, from: data).redacted()
        return String(decoding: try ECSJSON.encode(value), as: UTF8.self)
    }

    private static let secretKeyPatterns: [Data] = JSONValue.secretKeys.map { Data("\"\($0)\"".utf8) }

    static func list(_ db: Database, resourceArn: String?, limit: Int) throws -> [AuditRecord] {
        let rows: [Row]
        if let resourceArn {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE resourceArn = ? ORDER BY id DESC LIMIT ?", arguments: [resourceArn, limit])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
        return try rows.map { row in
            let text: String = row["request"]
            return AuditRecord(
                id: row["id"], time: row["time"], principal: row["principal"], action: row["action"],
                resourceArn: row["resourceArn"], request: try ECSJSON.decode(JSONValue.self, from: Data(text.utf8)))
        }
    }

    /// `ECSFORM_PRINCIPAL`, else `user@host`.
    static func defaultPrincipal() -> String {
        let env = ProcessInfo.processInfo.environment
        if let p = env["ECSFORM_PRINCIPAL"], !p.isEmpty { return p }
        var user = env["USER"] ?? env["LOGNAME"]
        if user == nil, let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { user = String(cString: name) }
        return "\(user ?? "unknown")@\(ProcessInfo.processInfo.hostName)"
    }
}
