import Foundation

extension Orchestrator {
    /// Converges every service of a cluster to a fixed point (bounded passes).
    func converge(clusterArn: String, touched: Set<String> = []) async throws {
        try await converges.converge(.init(clusterArn: clusterArn, services: nil), touched: touched)
    }

    /// Converges one service and its tasks only: what an action on that service needs. The
    /// rest of the cluster is left to the next cluster-wide converge (`reconcileAll`, or an
    /// action on the cluster's instances or tasks).
    func converge(service arn: String, clusterArn: String) async throws {
        try await converges.converge(.init(clusterArn: clusterArn, services: [arn]), touched: [arn])
    }

    /// Converges the services of one cluster (name or ARN): what a caller waiting on one
    /// service runs between checks, without paying for every other cluster.
    public func reconcile(cluster nameOrArn: String) async throws {
        try await converge(clusterArn: ARN.cluster(ARN.clusterName(nameOrArn)))
    }

    /// Converges every ACTIVE cluster: what a daemon's periodic resync, or a caller after
    /// injecting a fault, runs.
    public func reconcileAll() async throws {
        let clusters = try await read { db in try String.fetchAll(db, sql: "SELECT arn FROM cluster WHERE status = 'ACTIVE' ORDER BY arn") }
        guard let first = clusters.first else { return }
        var scope = ServiceController.Scope(clusterArn: first, services: nil)
        for c in clusters.dropFirst() { scope.merge(.init(clusterArn: c, services: nil)) }
        try await converges.converge(scope, touched: [])
    }
}
