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
        try append(db, time: timestamp(time), principal: principal, action: action, resourceArn: resourceArn, text: text)
    }

    /// Appends a record whose time is already formatted (`timestamp`): a transaction that
    /// records several resources formats its time once. The statement is prepared once per
    /// connection, since every mutating action runs it.
    static func append(_ db: Database, time: String, principal: String, action: String, resourceArn: String, text: String) throws {
        try db.cachedStatement(sql: "INSERT INTO audit (time, principal, action, resourceArn, request) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [time, principal, action, resourceArn, text])
    }

    /// `time` as the audit log stores it: ISO 8601 in UTC to the second
    /// (`2026-01-02T03:04:05Z`, what `Date.formatted(.iso8601)` gives), built from the broken-down
    /// UTC time instead of through a format style, which costs more than the insert.
    static func timestamp(_ time: Date) -> String {
        var t = time_t(time.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil, (0...9999).contains(Int(parts.tm_year) + 1900) else { return time.formatted(.iso8601) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ n: Int32, _ count: Int) {
            var div: Int32 = 1
            for _ in 1..<count { div *= 10 }
            var n = n
            while div > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(n / div))
                n %= div
                div /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2); bytes.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The request as stored: ECS JSON with every secret member redacted. A request none of
    /// whose bytes spell a secret member's quoted name has nothing to redact, so its encoding
    /// (sorted keys, as the redacted form's) is stored as it is, without a decode and re-encode.
    static func requestText(_ request: some Encodable) throws -> String {
        try requestText(encoded: try ECSJSON.encode(request))
    }

    /// As above, for a request `BodyJSONWriter` writes (the same bytes, without JSONEncoder).
    static func requestText(_ request: some BodyJSONEncodable) throws -> String {
        try requestText(encoded: try BodyJSONWriter.encode(request))
    }

    private static func requestText(encoded data: Data) throws -> String {
        if !mentionsSecretKey(data) {
            return String(decoding: data, as: UTF8.self)
        }
        let value = try ECSJSON.decode(JSONValue.self, from: data).redacted()
        return String(decoding: try ECSJSON.encode(value), as: UTF8.self)
    }

    private static let secretKeyPatterns: [[UInt8]] = JSONValue.secretKeys.map { Array("\"\($0)\"".utf8) }

    /// Whether some secret member's quoted name occurs in `data`: one pass over its quotes.
    static func mentionsSecretKey(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\"") {
                    for p in secretKeyPatterns where p.count <= bytes.count - i {
                        var j = 1
                        while j < p.count, bytes[i + j] == p[j] { j += 1 }
                        if j == p.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

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
