import Foundation

/// A machine registered into a cluster to run tasks (EC2 mode).
public struct ContainerInstance: Codable, Sendable, Equatable {
    public var containerInstanceArn: String
    public var ec2InstanceId: String?
    public var version: Int
    public var status: String
    public var statusReason: String?
    public var agentConnected: Bool
    public var runningTasksCount: Int
    public var pendingTasksCount: Int
    public var registeredResources: [Resource]
    public var remainingResources: [Resource]
    public var attributes: [Attribute]?
    public var registeredAt: Date?
    public var tags: [Tag]?

    func integer(_ name: String, remaining: Bool = true) -> Int {
        (remaining ? remainingResources : registeredResources).first { $0.name == name }?.integerValue ?? 0
    }
    func stringSet(_ name: String, remaining: Bool = true) -> [String] {
        (remaining ? remainingResources : registeredResources).first { $0.name == name }?.stringSetValue ?? []
    }
}

/// A resource of a container instance: CPU, MEMORY (INTEGER), PORTS, PORTS_UDP (STRINGSET).
public struct Resource: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var integerValue: Int?
    public var longValue: Int64?
    public var doubleValue: Double?
    public var stringSetValue: [String]?

    public init(name: String, type: String = "INTEGER", integerValue: Int? = nil, stringSetValue: [String]? = nil) {
        self.name = name
        self.type = type
        self.integerValue = integerValue
        self.stringSetValue = stringSetValue
    }
}

/// An attribute of a container instance, used by `memberOf` placement constraints.
public struct Attribute: Codable, Sendable, Equatable {
    public var name: String
    public var value: String?
    public var targetType: String?
    public var targetId: String?
    public init(name: String, value: String? = nil, targetType: String? = nil, targetId: String? = nil) {
        self.name = name; self.value = value; self.targetType = targetType; self.targetId = targetId
    }
}
