/// One mutating action as the audit log keeps it. `request` has secret members redacted.
public struct AuditRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var time: String
    public var principal: String
    public var action: String
    public var resourceArn: String
    public var request: JSONValue
}
