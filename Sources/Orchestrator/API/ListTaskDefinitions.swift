public struct ListTaskDefinitionsRequest: Codable, Sendable {
    public var familyPrefix: String?
    public var status: String?
    public var sort: String?
    public var maxResults: Int?
    public var nextToken: String?
    public init(familyPrefix: String? = nil, status: String? = nil, sort: String? = nil) {
        self.familyPrefix = familyPrefix; self.status = status; self.sort = sort
    }
}
public struct ListTaskDefinitionsResponse: Codable, Sendable {
    public var taskDefinitionArns: [String]
    public var nextToken: String?
}
