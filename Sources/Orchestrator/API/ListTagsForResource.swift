public struct ListTagsForResourceRequest: Codable, Sendable {
    public var resourceArn: String
    public init(resourceArn: String) { self.resourceArn = resourceArn }
}
public struct ListTagsForResourceResponse: Codable, Sendable { public var tags: [Tag] }
