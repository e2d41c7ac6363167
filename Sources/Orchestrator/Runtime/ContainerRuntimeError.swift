/// Failures every `ContainerRuntime` reports the same way, so the orchestrator can turn
/// them into ECS stop reasons (`CannotPullContainerError: ...`) without knowing the engine.
public enum ContainerRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchContainer(String)
    /// Another container already has this name.
    case nameConflict(String)
    case imagePullFailed(image: String, reason: String)
    /// The container failed while starting for another reason.
    case startFailed(id: String, reason: String)
    /// E.g. removing a running container without `force`.
    case invalidState(id: String, state: ContainerInfo.State, operation: String)
    case invalidSpec(String)
    /// The engine or the simulated runtime's store failed.
    case engine(String)

    public var description: String {
        switch self {
        case let .noSuchContainer(id): "No such container: \(id)"
        case let .nameConflict(name): "Conflict: the container name \"\(name)\" is already in use"
        case let .imagePullFailed(image, reason): "CannotPullContainerError: pull image \(image): \(reason)"
        case let .startFailed(id, reason): "CannotStartContainerError: container \(id): \(reason)"
        case let .invalidState(id, state, operation): "Cannot \(operation) container \(id): it is \(state.rawValue)"
        case let .invalidSpec(problem): "Invalid container specification: \(problem)"
        case let .engine(problem): "Container runtime error: \(problem)"
        }
    }
}
