/// What starting a container leaves it as, under the fault rule that matches it (if any):
/// one decision for both a start of an existing container and a batch create-and-start.
struct StartOutcome {
    var state: ContainerInfo.State
    var exitCode: Int?
    var health: ContainerInfo.Health
    /// The start fails: the container stays created, its `error` column set to `error`.
    var failure: ContainerRuntimeError?
    var error: String?
    /// Whether the container ran and stopped at once (its finish time is its start time).
    var finished: Bool { state == .exited }

    init(_ mode: FaultRule.Mode?, image: String, hasHealthCheck: Bool) {
        switch mode {
        case let .failToStart(reason)?:
            self.init(state: .created, exitCode: nil, health: .none, failure: .imagePullFailed(image: image, reason: reason))
            error = "CannotPullContainerError: \(reason)"
        case let .exitAfterStart(code)?:
            self.init(state: .exited, exitCode: code, health: .none, failure: nil)
        case .becomeUnhealthy?:
            self.init(state: .running, exitCode: nil, health: .unhealthy, failure: nil)
        case nil:
            self.init(state: .running, exitCode: nil, health: hasHealthCheck ? .healthy : .none, failure: nil)
        }
    }

    private init(state: ContainerInfo.State, exitCode: Int?, health: ContainerInfo.Health, failure: ContainerRuntimeError?) {
        self.state = state
        self.exitCode = exitCode
        self.health = health
        self.failure = failure
    }
}
