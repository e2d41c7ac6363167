import Foundation
import GRDB

extension Orchestrator {
    /// Creates a cluster, or returns the ACTIVE one of that name (as ECS does).
    public func createCluster(_ r: CreateClusterRequest) async throws -> CreateClusterResponse {
        let name = r.clusterName ?? "default"
        guard NamePattern.ascii(name, extra: "_-", maxLength: 255) else {
            throw ECSError.invalidParameter("Cluster name must be 1-255 letters, numbers, hyphens and underscores.")
        }
        try Validate.tags(r.tags)
        try Validate.clusterSettings(r.settings)
        return try await mutate("CreateCluster", r) { db, _ in
            let arn = ARN.cluster(name)
            if let existing = try Cluster.fetchOne(db, key: arn), existing.status == "ACTIVE" {
                var c = try Lookup.counted(db, existing)
                c.tags = try Lookup.tags(db, arn)
                return (CreateClusterResponse(cluster: c), arn)
            }
            try db.execute(sql: "DELETE FROM tag WHERE resourceArn = ?", arguments: [arn])
            var c = Cluster(clusterArn: arn, clusterName: name, status: "ACTIVE", registeredContainerInstancesCount: 0,
                            runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0,
                            settings: r.settings ?? [ClusterSetting(name: "containerInsights", value: "disabled")],
                            tags: nil, capacityProviders: nil)
            try c.upsert(db)
            try Lookup.putTags(db, arn, r.tags)
            c = try Lookup.counted(db, c)
            c.tags = r.tags ?? []
            return (CreateClusterResponse(cluster: c), arn)
        }
    }

    /// Describes clusters with live counts; unknown names are `failures` (MISSING).
    public func describeClusters(_ r: DescribeClustersRequest) async throws -> DescribeClustersResponse {
        try await read { db in
            var out: [Cluster] = []
            var failures: [Failure] = []
            for ref in r.clusters ?? ["default"] {
                let arn = ARN.cluster(ARN.clusterName(ref))
                guard let c = try Cluster.fetchOne(db, key: arn) else { failures.append(Failure(arn: arn, reason: "MISSING")); continue }
                var counted = try Lookup.counted(db, c)
                if r.include?.contains("TAGS") == true { counted.tags = try Lookup.tags(db, arn) }
                out.append(counted)
            }
            return DescribeClustersResponse(clusters: out, failures: failures)
        }
    }

    /// ARNs of ACTIVE clusters, paginated.
    public func listClusters(_ r: ListClustersRequest) async throws -> ListClustersResponse {
        try await read { db in
            let arns = try String.fetchAll(db, sql: "SELECT arn FROM cluster WHERE status = 'ACTIVE' ORDER BY arn")
            let (page, token) = try Page.slice(arns, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListClustersResponse(clusterArns: page, nextToken: token)
        }
    }

    /// Marks a cluster INACTIVE; refused while it has services, tasks or instances.
    public func deleteCluster(_ r: DeleteClusterRequest) async throws -> DeleteClusterResponse {
        try await mutate("DeleteCluster", r) { db, _ in
            let c = try Lookup.counted(db, try Lookup.activeCluster(db, r.cluster))
            let services = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service WHERE clusterArn = ? AND status != 'INACTIVE'", arguments: [c.clusterArn]) ?? 0
            if services > 0 { throw ECSError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.") }
            let tasks = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task WHERE clusterArn = ? AND lastStatus != 'STOPPED'", arguments: [c.clusterArn]) ?? 0
            if tasks > 0 { throw ECSError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.") }
            if c.registeredContainerInstancesCount > 0 {
                throw ECSError("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active or draining.")
            }
            var out = c
            out.status = "INACTIVE"
            try out.upsert(db)
            return (DeleteClusterResponse(cluster: out), c.clusterArn)
        }
    }

    /// Sets cluster settings (`containerInsights`).
    public func updateClusterSettings(_ r: UpdateClusterSettingsRequest) async throws -> UpdateClusterSettingsResponse {
        try Validate.clusterSettings(r.settings)
        return try await mutate("UpdateClusterSettings", r) { db, _ in
            var c = try Lookup.activeCluster(db, r.cluster)
            var settings = c.settings ?? []
            for s in r.settings {
                if let i = settings.firstIndex(where: { $0.name == s.name }) { settings[i] = s } else { settings.append(s) }
            }
            c.settings = settings
            try c.upsert(db)
            return (UpdateClusterSettingsResponse(cluster: try Lookup.counted(db, c)), c.clusterArn)
        }
    }
}
