public struct ListTaskDefinitionFamiliesRequest: Codable, Sendable {
    public var familyPrefix: String?
    public var status: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(familyPrefix: String? = nil, status: String? = nil) { self.familyPrefix = familyPrefix; self.status = status }
}
public struct ListTaskDefinitionFamiliesResponse: Codable, Sendable {
    public var families: [String]
    public var nextToken: String?
}
