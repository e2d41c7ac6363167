import Foundation

/// One ACTIVE instance's free capacity, as read from the store for placement.
struct InstanceCapacity: Sendable {
    var id: String                 // container instance ARN
    var remainingCPU: Int
    var remainingMemory: Int
    var usedHostPorts: Set<Int>
    var attributes: [String: String]
    var tasksByGroup: [String: Int]
}

/// What one task needs from an instance.
struct TaskNeeds: Sendable {
    var cpu: Int
    var memory: Int
    var hostPorts: [Int]
    var group: String
}

