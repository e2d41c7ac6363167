import StackConfig

/// How to apply (cli.md `apply` flags).
public struct ApplyOptions: Sendable {
    /// Steps in flight at once (`--parallelism`, default 10).
    public var parallelism: Int
    /// How often a running step reports `Still creating... [10s elapsed]`.
    public var progressInterval: Duration

    public init(parallelism: Int = 10, progressInterval: Duration = .seconds(10)) {
        self.parallelism = parallelism
        self.progressInterval = progressInterval
    }
}

/// What a step does to an object, for progress lines.
public enum ApplyOperation: String, Sendable, Hashable {
    case create, update, delete
}

/// Progress reported while applying (Terraform's Hook): the CLI turns these into
/// `service.web: Creating...`, `Still creating... [10s elapsed]`, `Creation complete after 2s [id=...]`.
/// Events for different resources arrive concurrently.
public enum ApplyEvent: Sendable, Hashable {
    case started(ResourceAddress, ApplyOperation, id: String?)
    case stillRunning(ResourceAddress, ApplyOperation, id: String?, elapsed: Duration)
    case completed(ResourceAddress, ApplyOperation, id: String, elapsed: Duration)
    case failed(ResourceAddress, ApplyOperation, message: String, elapsed: Duration)
}

/// One step that failed.
public struct ApplyFailure: Sendable, Hashable {
    public var address: ResourceAddress
    public var operation: ApplyOperation
    public var message: String
}

/// What an apply did. Everything that completed is in `state` (and on disk) even when
/// other steps failed.
public struct ApplyResult: Sendable {
    public var state: State
    public var added = 0
    public var changed = 0
    public var destroyed = 0
    public var failures: [ApplyFailure] = []
    /// Steps not run because something they wait for failed: step -> the failed step.
    public var skipped: [ApplyStep: ApplyStep] = [:]
    /// Outputs as saved in state (sensitive ones still marked, never printed).
    public var outputs: [String: OutputState] { state.outputs }
    /// Writes made to the state store during the apply.
    public var stateWrites = 0

    public var succeeded: Bool { failures.isEmpty && skipped.isEmpty }
}
