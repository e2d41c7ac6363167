import Foundation

/// Everything needed to create one container, mirroring what the Docker Engine API's
/// `POST /containers/create` takes, so a Docker or Podman runtime can implement
/// `ContainerRuntime` without new concepts.
public struct ContainerSpec: Sendable, Hashable, Codable {
    public var name: String
    public var image: String
    /// Replaces the image's CMD when set.
    public var command: [String]?
    /// Replaces the image's ENTRYPOINT when set.
    public var entryPoint: [String]?
    /// May hold secrets: runtimes must not log or persist values in plain text.
    public var environment: [String: String]
    public var portBindings: [PortBinding]
    /// Relative CPU weight (ECS `cpu` units map onto Docker CPU shares).
    public var cpuShares: Int?
    /// Hard limit in MiB.
    public var memoryLimitMiB: Int?
    /// Soft limit in MiB.
    public var memoryReservationMiB: Int?
    /// Labels let a restarted orchestrator find (adopt) the containers it started.
    public var labels: [String: String]
    public var workingDirectory: String?
    public var healthCheck: HealthCheck?

    public init(
        name: String, image: String, command: [String]? = nil, entryPoint: [String]? = nil,
        environment: [String: String] = [:], portBindings: [PortBinding] = [], cpuShares: Int? = nil,
        memoryLimitMiB: Int? = nil, memoryReservationMiB: Int? = nil, labels: [String: String] = [:],
        workingDirectory: String? = nil, healthCheck: HealthCheck? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.entryPoint = entryPoint
        self.environment = environment
        self.portBindings = portBindings
        self.cpuShares = cpuShares
        self.memoryLimitMiB = memoryLimitMiB
        self.memoryReservationMiB = memoryReservationMiB
        self.labels = labels
        self.workingDirectory = workingDirectory
        self.healthCheck = healthCheck
    }

    /// A container port published on the host; host port 0 lets the runtime choose.
    public struct PortBinding: Sendable, Hashable, Codable {
        public var containerPort: Int
        public var hostPort: Int
        /// `tcp` or `udp`.
        public var `protocol`: String

        public init(containerPort: Int, hostPort: Int = 0, protocol: String = "tcp") {
            self.containerPort = containerPort
            self.hostPort = hostPort
            self.protocol = `protocol`
        }
    }

    /// ECS container health check: a command run every `interval` seconds, `retries`
    /// failures in a row mark it unhealthy, failures during `startPeriod` do not count.
    public struct HealthCheck: Sendable, Hashable, Codable {
        /// As in ECS: `["CMD-SHELL", "curl -f http://localhost/"]` or `["CMD", ...]`.
        public var command: [String]
        public var interval: Int
        public var timeout: Int
        public var retries: Int
        public var startPeriod: Int

        public init(command: [String], interval: Int = 30, timeout: Int = 5, retries: Int = 3, startPeriod: Int = 0) {
            self.command = command
            self.interval = interval
            self.timeout = timeout
            self.retries = retries
            self.startPeriod = startPeriod
        }
    }
}
