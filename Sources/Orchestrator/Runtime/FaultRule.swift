/// A failure the simulated runtime injects into containers it starts, persisted with the
/// containers so one CLI process can arm a fault that a later process hits.
public struct FaultRule: Sendable, Hashable, Codable {
    /// How a rule's image or name pattern is compared.
    public enum Match: String, Sendable, Hashable, Codable { case exact, prefix }

    /// What happens to a matching container when it starts.
    public enum Mode: Sendable, Hashable, Codable {
        /// Start fails like an image pull failure (ECS: `CannotPullContainerError`).
        case failToStart(reason: String)
        /// Starts, then exits at once with this code.
        case exitAfterStart(exitCode: Int)
        /// Starts and runs, but its health is `unhealthy`.
        case becomeUnhealthy
    }

    /// Assigned by the runtime when the rule is added.
    public var id: Int64?
    public var image: String?
    public var imageMatch: Match
    public var containerName: String?
    public var nameMatch: Match
    public var mode: Mode
    /// How many more starts the rule applies to; nil applies forever, 0 is used up.
    public var remaining: Int?

    /// At least one of `image` and `containerName` must be given; both must match when both are.
    public init(
        image: String? = nil, imageMatch: Match = .exact, containerName: String? = nil, nameMatch: Match = .exact,
        mode: Mode, times remaining: Int? = nil
    ) {
        self.image = image
        self.imageMatch = imageMatch
        self.containerName = containerName
        self.nameMatch = nameMatch
        self.mode = mode
        self.remaining = remaining
    }

    func matches(image candidateImage: String, name candidateName: String) -> Bool {
        if let remaining, remaining <= 0 { return false }
        if let image, !Self.compare(image, imageMatch, candidateImage) { return false }
        if let containerName, !Self.compare(containerName, nameMatch, candidateName) { return false }
        return image != nil || containerName != nil
    }

    private static func compare(_ pattern: String, _ match: Match, _ value: String) -> Bool {
        switch match {
        case .exact: value == pattern
        case .prefix: value.hasPrefix(pattern)
        }
    }
}
