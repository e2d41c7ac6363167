/// The four resource types a stack declares, with the section each lives in.
public enum ResourceType: String, Sendable, Hashable, CaseIterable {
    case cluster
    case taskRole = "task_role"
    case taskDefinition = "task_definition"
    case service

    /// The address prefix (`task_definition`).
    public var name: String { rawValue }

    /// The top-level section of a stack file (`task_definitions`).
    public var section: String { rawValue + "s" }

    /// Attributes the orchestrator computes, referable but never configured.
    public var computedAttributes: [String] {
        self == .taskDefinition ? Self.taskDefinitionComputed : Self.otherComputed
    }

    private static let taskDefinitionComputed = ["arn", "id", "revision"]
    private static let otherComputed = ["arn", "id"]

    public init?(section: String) {
        guard let t = ResourceType.allCases.first(where: { $0.section == section }) else { return nil }
        self = t
    }
}
