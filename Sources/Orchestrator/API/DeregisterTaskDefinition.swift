public struct DeregisterTaskDefinitionRequest: Codable, Sendable {
    public var taskDefinition: String
    public init(taskDefinition: String) { self.taskDefinition = taskDefinition }
}
public struct DeregisterTaskDefinitionResponse: Codable, Sendable { public var taskDefinition: TaskDefinition }
