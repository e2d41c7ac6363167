import Foundation

/// What the controller needs from a container runtime, task by task: start every container
/// of a task, look at them later, stop them. `RuntimeTaskDriver` implements it over a
/// `ContainerRuntime`; tests may use any conforming type.
protocol TaskDriver: Sendable {
    func launch(_ spec: TaskLaunchSpec) async -> TaskLaunchResult
    func observe(_ task: TaskHandle) async -> TaskObservation
    func stop(_ task: TaskHandle) async
    /// Observes many tasks of one cluster at once (a runtime can answer with one listing).
    func observeAll(_ tasks: [TaskHandle], clusterArn: String) async -> [String: TaskObservation]
    /// Launches many tasks at once (a runtime can start them in one operation); results in order.
    func launchAll(_ specs: [TaskLaunchSpec]) async -> [TaskLaunchResult]
}

extension TaskDriver {
    func launchAll(_ specs: [TaskLaunchSpec]) async -> [TaskLaunchResult] {
        var out: [TaskLaunchResult] = []
        for spec in specs { out.append(await launch(spec)) }
        return out
    }

    func observeAll(_ tasks: [TaskHandle], clusterArn: String) async -> [String: TaskObservation] {
        var out: [String: TaskObservation] = [:]
        for t in tasks { out[t.taskArn] = await observe(t) }
        return out
    }
}

/// Everything a runtime needs to start one task's containers.
struct TaskLaunchSpec: Sendable {
    var taskArn: String
    var containers: [ContainerLaunchSpec]
}

struct ContainerLaunchSpec: Sendable {
    var name: String
    var image: String
    var command: [String]
    var entryPoint: [String]
    var environment: [String: String]
    var portBindings: [Int: Int]
    var cpu: Int
    var memory: Int
    var essential: Bool
    var labels: [String: String]
    var healthCheck: HealthCheck?
}

/// The runtime identities of a task's containers.
struct TaskHandle: Sendable {
    var taskArn: String
    var containers: [(name: String, runtimeId: String?, essential: Bool)]
}

enum TaskLaunchResult: Sendable {
    /// Every container started; runtime IDs by container name.
    case running([String: String])
    /// A container failed to start (ECS: TaskFailedToStart); started ones are already removed.
    case failedToStart(container: String, reason: String)
    /// An essential container exited right away.
    case exited(container: String, exitCode: Int, runtimeIds: [String: String])
    /// Every container started, but an essential one is already unhealthy (what the next
    /// observation would report, known at once).
    case unhealthy(container: String, runtimeIds: [String: String])
}

enum TaskObservation: Sendable, Equatable {
    case running
    case exited(container: String, exitCode: Int)
    case unhealthy(container: String)
}
