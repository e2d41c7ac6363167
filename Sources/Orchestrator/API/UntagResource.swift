public struct UntagResourceRequest: Codable, Sendable {
    public var resourceArn: String
    public var tagKeys: [String]
    public init(resourceArn: String, tagKeys: [String]) { self.resourceArn = resourceArn; self.tagKeys = tagKeys }
}
public struct UntagResourceResponse: Codable, Sendable { public init() {} }
