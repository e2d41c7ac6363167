/// ecsform's audit action: mutations recorded for a resource ARN, newest first.
public struct ListAuditRecordsRequest: Codable, Sendable {
    public var resourceArn: String?
    public var maxResults: Int?
    public init(resourceArn: String? = nil, maxResults: Int? = nil) { self.resourceArn = resourceArn; self.maxResults = maxResults }
}
public struct ListAuditRecordsResponse: Codable, Sendable { public var auditRecords: [AuditRecord] }
