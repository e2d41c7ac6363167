import Foundation

/// What a runtime reports about one container (Docker's `inspect`, trimmed to what the
/// orchestrator uses). Environment values are deliberately absent: they may be secrets.
public struct ContainerInfo: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable { case created, running, exited }
    public enum Health: String, Sendable, Hashable, Codable { case none, starting, healthy, unhealthy }

    public var id: String
    public var name: String
    public var image: String
    public var labels: [String: String]
    public var portBindings: [ContainerSpec.PortBinding]
    public var state: State
    /// Set once the container has exited.
    public var exitCode: Int?
    public var health: Health
    /// Why the container failed to start or exited, e.g. a `CannotPullContainerError` reason.
    public var error: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(
        id: String, name: String, image: String, labels: [String: String], portBindings: [ContainerSpec.PortBinding],
        state: State, exitCode: Int?, health: Health, error: String?, createdAt: Date, startedAt: Date?, finishedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.image = image
        self.labels = labels
        self.portBindings = portBindings
        self.state = state
        self.exitCode = exitCode
        self.health = health
        self.error = error
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One line of container output.
public struct ContainerLogLine: Sendable, Hashable, Codable {
    public enum Stream: String, Sendable, Hashable, Codable { case stdout, stderr }

    public var time: Date
    public var stream: Stream
    public var text: String

    public init(time: Date, stream: Stream, text: String) {
        self.time = time
        self.stream = stream
        self.text = text
    }
}
