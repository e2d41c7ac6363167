import Foundation

/// Joins the converges this process asks for at the same time into rounds, the way a
/// database joins concurrent commits: while one round runs, every request that arrives waits
/// for the next, which converges all of them as one scope. An apply creating ten services at
/// once thus pays each pass's transactions once per round instead of once per service, and a
/// caller still returns only after a converge that started after its own change.
///
/// Clusters are spread over one lane per core, each lane running its own rounds, so that two
/// rounds (of different clusters) can overlap: one reads or talks to the runtime while the
/// other writes. A round that fails is retried request by request, so each caller gets its
/// own error.
final class ConvergeQueue: Sendable {
    typealias Run = ConvergeLane.Run
    private let lanes: [ConvergeLane]

    init(lanes count: Int = ProcessInfo.processInfo.activeProcessorCount, run: @escaping Run) {
        lanes = (0..<max(1, count)).map { _ in ConvergeLane(run: run) }
    }

    /// Returns once `scope` has been converged by rounds that started after this call.
    /// `placed`: tasks the caller's transaction placed and claimed, for the round to start.
    func converge(_ scope: ServiceController.Scope, touched: Set<String>, placed: [ECSTask] = []) async throws {
        var parts: [Int: ServiceController.Scope] = [:]
        for cluster in scope.clusterArns {
            let lane = Self.lane(of: cluster, count: lanes.count)
            if parts[lane] == nil { parts[lane] = scope.only(cluster) } else { parts[lane]?.merge(scope.only(cluster)) }
        }
        if parts.count <= 1, let (lane, part) = parts.first {
            return try await lanes[lane].converge(part, touched: touched, placed: placed)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (lane, part) in parts {
                let target = lanes[lane]
                let mine = placed.filter { part.clusterArns.contains($0.clusterArn) }
                group.addTask { try await target.converge(part, touched: touched, placed: mine) }
            }
            try await group.waitForAll()
        }
    }

    /// A stable lane for a cluster (FNV-1a over its ARN).
    static func lane(of cluster: String, count: Int) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in cluster.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return Int(h % UInt64(max(1, count)))
    }
}

/// One lane of `ConvergeQueue`: requests that arrive while a round runs wait for the next.
final class ConvergeLane: @unchecked Sendable {
    /// Scope, services touched, tasks placed by the callers, and whether every caller placed
    /// some (a round of creates only: nothing else in its scope to observe or stop first).
    typealias Run = @Sendable (ServiceController.Scope, Set<String>, [ECSTask], Bool) async throws -> Void

    private struct Waiter {
        var scope: ServiceController.Scope
        var touched: Set<String>
        var placed: [ECSTask]
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let run: Run
    // Guards `waiting` and `draining`; never held across a suspension.
    private let lock = NSLock()
    private var waiting: [Waiter] = []
    private var draining = false

    init(run: @escaping Run) {
        self.run = run
    }

    /// Returns once a round that started after this call has converged `scope`.
    func converge(_ scope: ServiceController.Scope, touched: Set<String>, placed: [ECSTask]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let lead = lock.withLock { () -> Bool in
                waiting.append(Waiter(scope: scope, touched: touched, placed: placed, continuation: continuation))
                if draining { return false }
                draining = true
                return true
            }
            if lead { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let round = lock.withLock { () -> [Waiter] in
                let taken = waiting
                waiting = []
                if taken.isEmpty { draining = false }
                return taken
            }
            guard let first = round.first else { return }
            var scope = first.scope
            var touched = first.touched
            for w in round.dropFirst() {
                scope.merge(w.scope)
                touched.formUnion(w.touched)
            }
            do {
                try await run(scope, touched, round.flatMap(\.placed), round.allSatisfy { !$0.placed.isEmpty })
                for w in round { w.continuation.resume() }
            } catch {
                guard round.count > 1 else { first.continuation.resume(throwing: error); continue }
                // Placed tasks are not handed over again: the failed round may have started
                // them. Those it did not stay claimed until the claim times out, as tasks a
                // failed round's reconcile placed do.
                for w in round {
                    do {
                        try await run(w.scope, w.touched, [], false)
                        w.continuation.resume()
                    } catch {
                        w.continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}
