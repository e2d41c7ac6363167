import StackConfig

/// cli.md's drift statuses.
public enum DriftStatus: String, Sendable, Hashable, Codable {
    case inSync = "IN_SYNC"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// One managed resource's drift.
public struct DriftEntry: Sendable, Hashable {
    public var address: ResourceAddress
    public var id: String
    public var status: DriftStatus
    /// `before` is what state expects, `after` what the object has now.
    public var differences: [AttributeDifference]
    /// The last change the provider recorded (only looked up for drifted resources).
    public var lastChange: ChangeRecord?
}

/// `ecsform drift`'s result.
public struct DriftReport: Sendable {
    public var stack: String
    /// Every resource in state, sorted by address.
    public var resources: [DriftEntry]
    public var inSync: Bool { resources.allSatisfy { $0.status == .inSync } }
}

/// A refresh made for `ecsform drift`, before the configuration is needed.
public struct DriftBasis: Sendable {
    public var state: State
    var refreshed: RefreshResult

    /// True when some object was modified: only then can the configuration change the report
    /// (its `lifecycle.ignore_changes` paths are left out), so only then need it be loaded.
    public var hasModifications: Bool { refreshed.drift.contains { $0.kind == .modified } }
}

extension Engine {
    /// Refresh only: compares each managed object with what state recorded, and asks the
    /// provider for the last recorded change of those that differ. Nothing is written, so no
    /// lock is needed. With `stack`, `lifecycle.ignore_changes` paths are not reported.
    public func drift(stack: Stack?, parallelism: Int = 10) async throws -> DriftReport {
        let state = try await store.load() ?? State(stack: stack?.name ?? "")
        return await drift(basis: try await driftBasis(state: state, parallelism: parallelism), stack: stack, parallelism: parallelism)
    }

    /// The refresh a drift report is made from; needs no configuration, so a caller can run it
    /// while it is still loading the stack.
    public func driftBasis(state: State, parallelism: Int = 10) async throws -> DriftBasis {
        DriftBasis(state: state, refreshed: try await refresh(state, schema: schema(), parallelism: parallelism))
    }

    /// The report from a `driftBasis`; `stack` (when readable) narrows it by `lifecycle.ignore_changes`.
    public func drift(basis: DriftBasis, stack: Stack?, parallelism: Int = 10) async -> DriftReport {
        let state = basis.state
        let refreshed = basis.refreshed
        var byAddress: [ResourceAddress: DriftedResource] = [:]
        for d in refreshed.drift { byAddress[d.address] = d }
        var entries: [DriftEntry] = []
        for r in state.sortedResources {
            guard let d = byAddress[r.address] else {
                entries.append(DriftEntry(address: r.address, id: r.id, status: .inSync, differences: []))
                continue
            }
            if d.kind == .deleted {
                entries.append(DriftEntry(address: r.address, id: r.id, status: .deleted, differences: []))
                continue
            }
            let ignored = stack?[r.address]?.lifecycle.ignoreChanges ?? []
            let diffs = d.differences.filter { diff in
                let parts = diff.path.split(separator: ".").map(String.init)
                return !ignored.contains { !$0.isEmpty && parts.starts(with: $0) }
            }
            entries.append(DriftEntry(address: r.address, id: r.id, status: diffs.isEmpty ? .inSync : .modified, differences: diffs))
        }
        let provider = self.provider
        let drifted = entries.indices.filter { entries[$0].status != .inSync }
        let requests = drifted.map { HistoryRequest(address: entries[$0].address, id: entries[$0].id) }
        let batches = stride(from: 0, to: requests.count, by: Self.readBatchLimit).map {
            Array(requests[$0..<min(requests.count, $0 + Self.readBatchLimit)])
        }
        let histories: [ChangeRecord?] = await BoundedParallel.map(batches, limit: parallelism) { batch in
            let answer = await provider.histories(HistoriesRequest(resources: batch)).lastChanges
            return answer.count == batch.count ? answer : [ChangeRecord?](repeating: nil, count: batch.count)
        }.flatMap { $0 }
        for (i, h) in zip(drifted, histories) { entries[i].lastChange = h }
        return DriftReport(stack: state.stack, resources: entries)
    }
}
