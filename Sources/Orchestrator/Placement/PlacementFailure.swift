/// The filter that rejected a candidate, in the order filters run.
public enum PlacementFilter: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case distinctInstance, memberOf, cpu, memory, ports

    var stage: Int {
        switch self {
        case .distinctInstance: 0
        case .memberOf: 1
        case .cpu: 2
        case .memory: 3
        case .ports: 4
        }
    }

    public static func < (lhs: PlacementFilter, rhs: PlacementFilter) -> Bool { lhs.stage < rhs.stage }

    /// What ECS says about the closest matching instance rejected by this filter.
    var ecsClause: String {
        switch self {
        case .distinctInstance: "encountered error \"DistinctInstance placement constraint unsatisfied.\""
        case .memberOf: "encountered error \"MemberOf placement constraint unsatisfied.\""
        case .cpu: "has insufficient CPU units available."
        case .memory: "has insufficient memory available."
        case .ports: "is already using a port required by your task."
        }
    }

    /// The `reason` of a RunTask `failures` entry.
    public var ecsReason: String {
        switch self {
        case .distinctInstance: "DistinctInstance placement constraint unsatisfied"
        case .memberOf: "MemberOf placement constraint unsatisfied"
        case .cpu: "RESOURCE:CPU"
        case .memory: "RESOURCE:MEMORY"
        case .ports: "RESOURCE:PORTS"
        }
    }
}

/// Why a task could not be placed: like Nomad's `AllocMetric`, how many candidates each
/// filter rejected (each candidate counts once, at the first filter it failed), and the
/// closest match — the candidate that got furthest through the filters (smallest id on ties).
public struct PlacementFailure: Error, Sendable, Hashable {
    public var candidatesEvaluated: Int
    public var rejectedBy: [PlacementFilter: Int]
    public var closestCandidateID: String?
    public var closestRejectedBy: PlacementFilter?

    public init(
        candidatesEvaluated: Int,
        rejectedBy: [PlacementFilter: Int],
        closestCandidateID: String?,
        closestRejectedBy: PlacementFilter?
    ) {
        self.candidatesEvaluated = candidatesEvaluated
        self.rejectedBy = rejectedBy
        self.closestCandidateID = closestCandidateID
        self.closestRejectedBy = closestRejectedBy
    }

    /// ECS event text without the subject, e.g. "was unable to place a task because no
    /// container instance met all of its requirements. The closest matching
    /// container-instance i-1 has insufficient memory available."
    public var explanation: String {
        let head = "was unable to place a task because no container instance met all of its requirements."
        guard let id = closestCandidateID, let filter = closestRejectedBy else {
            return head + " Reason: No Container Instances were found in your cluster."
        }
        return head + " The closest matching container-instance \(id) \(filter.ecsClause)"
    }

    /// The full service event, e.g. `eventMessage(subject: "(service web)")`.
    public func eventMessage(subject: String) -> String { "\(subject) \(explanation)" }

    /// The `reason` for a RunTask `failures` entry.
    public var ecsReason: String { closestRejectedBy?.ecsReason ?? "MISSING" }
}
