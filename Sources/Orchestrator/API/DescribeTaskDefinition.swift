public struct DescribeTaskDefinitionRequest: Codable, Sendable {
    public var taskDefinition: String
    public var include: [String]?
    public init(taskDefinition: String, include: [String]? = nil) { self.taskDefinition = taskDefinition; self.include = include }
}
public struct DescribeTaskDefinitionResponse: Codable, Sendable {
    public var taskDefinition: TaskDefinition
    public var tags: [Tag]?
}
