public struct TagResourceRequest: Codable, Sendable {
    public var resourceArn: String
    public var tags: [Tag]
    public init(resourceArn: String, tags: [Tag]) { self.resourceArn = resourceArn; self.tags = tags }
}
public struct TagResourceResponse: Codable, Sendable { public init() {} }
