import Foundation
import GRDB

extension Orchestrator {
    static let defaultReservedPorts = ["22", "2375", "2376", "51678", "51679"]

    /// Adds EC2-mode capacity (`totalResources` CPU/MEMORY/PORTS, attributes) to a cluster.
    public func registerContainerInstance(_ r: RegisterContainerInstanceRequest) async throws -> RegisterContainerInstanceResponse {
        let registered = try Self.registeredResources(r)
        return try await mutate("RegisterContainerInstance", r, converge: ARN.clusterName(r.cluster)) { db, now in
            let ci = try Self.insertContainerInstance(db, r, resources: registered, now: now)
            return (RegisterContainerInstanceResponse(containerInstance: ci), ci.containerInstanceArn)
        }
    }

    /// `RegisterContainerInstance` for each of `requests` (all into one cluster), as one
    /// transaction with the audit record of each, then one converge of the cluster's services:
    /// a cluster's instances are registered with one write instead of one each. Fails as the
    /// first failing registration would, registering none.
    public func registerContainerInstances(_ requests: [RegisterContainerInstanceRequest]) async throws -> [RegisterContainerInstanceResponse] {
        guard let first = requests.first else { return [] }
        let cluster = ARN.clusterName(first.cluster)
        guard requests.allSatisfy({ ARN.clusterName($0.cluster) == cluster }) else {
            throw ECSError.invalidParameter("The container instances of one registration must all be in one cluster.")
        }
        let resources = try requests.map(Self.registeredResources)
        let texts = try requests.map { try AuditLog.requestText($0) }
        return try await mutateRecorded(converge: cluster) { db, now in
            var out: [RegisterContainerInstanceResponse] = []
            var entries: [AuditEntry] = []
            for (i, r) in requests.enumerated() {
                let ci = try Self.insertContainerInstance(db, r, resources: resources[i], now: now)
                out.append(RegisterContainerInstanceResponse(containerInstance: ci))
                entries.append(AuditEntry(action: "RegisterContainerInstance", resourceArn: ci.containerInstanceArn, text: texts[i]))
            }
            return (out, entries)
        }
    }

    /// A registration's checked resources with ECS's defaults added (CPU, MEMORY, PORTS, PORTS_UDP).
    static func registeredResources(_ r: RegisterContainerInstanceRequest) throws -> [Resource] {
        var resources = r.totalResources ?? []
        for res in resources where res.name == "CPU" || res.name == "MEMORY" {
            guard let v = res.integerValue, v >= 0 else {
                throw ECSError.invalidParameter("Resource \(res.name) needs a non-negative integerValue.")
            }
        }
        if !resources.contains(where: { $0.name == "CPU" }) { resources.append(Resource(name: "CPU", integerValue: 1024)) }
        if !resources.contains(where: { $0.name == "MEMORY" }) { resources.append(Resource(name: "MEMORY", integerValue: 2048)) }
        if !resources.contains(where: { $0.name == "PORTS" }) {
            resources.append(Resource(name: "PORTS", type: "STRINGSET", stringSetValue: Self.defaultReservedPorts))
        }
        if !resources.contains(where: { $0.name == "PORTS_UDP" }) { resources.append(Resource(name: "PORTS_UDP", type: "STRINGSET", stringSetValue: [])) }
        for a in r.attributes ?? [] where a.name.isEmpty {
            throw ECSError.invalidParameter("Attribute names must not be empty.")
        }
        try Validate.tags(r.tags)
        return resources
    }

    /// `RegisterContainerInstance`'s write: the new instance, with its tags.
    static func insertContainerInstance(_ db: Database, _ r: RegisterContainerInstanceRequest, resources: [Resource], now: Date) throws -> ContainerInstance {
        let cluster = try Lookup.activeCluster(db, r.cluster)
        let id = IDs.hex32()
        let arn = ARN.containerInstance(cluster: cluster.clusterName, id: id)
        var ci = ContainerInstance(
            containerInstanceArn: arn, ec2InstanceId: "i-" + String(IDs.hex32().prefix(17)), version: 1, status: "ACTIVE",
            statusReason: nil, agentConnected: true, runningTasksCount: 0, pendingTasksCount: 0,
            registeredResources: resources, remainingResources: resources, attributes: r.attributes ?? [],
            registeredAt: now, tags: nil)
        try ci.insertCached(db)
        try Lookup.putTags(db, arn, r.tags)
        ci.tags = r.tags
        return ci
    }

    /// Removes an instance; with tasks only when `force` (its tasks are stopped and services replace them).
    public func deregisterContainerInstance(_ r: DeregisterContainerInstanceRequest) async throws -> DeregisterContainerInstanceResponse {
        try await mutate("DeregisterContainerInstance", r, converge: ARN.clusterName(r.cluster)) { db, now in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            guard var ci = try Lookup.containerInstance(db, cluster: cluster, r.containerInstance), ci.status != "INACTIVE" else {
                throw ECSError.invalidParameter("The referenced container instance was not found.")
            }
            let tasks = try ECSTask.fetchAll(db, sql: "SELECT * FROM task WHERE containerInstanceArn = ? AND lastStatus != 'STOPPED'", arguments: [ci.containerInstanceArn])
            if !tasks.isEmpty && r.force != true {
                throw ECSError.invalidParameter("Found running tasks on the instance. Deregister with force, or stop the tasks first.")
            }
            for var t in tasks where t.desiredStatus != "STOPPED" {
                try TaskState.requestStop(db, &t, code: "ServiceSchedulerInitiated", reason: "Container instance deregistration forced by user", now: now)
            }
            ci.status = "INACTIVE"
            ci.agentConnected = false
            try ci.upsert(db)
            return (DeregisterContainerInstanceResponse(containerInstance: try Lookup.counted(db, ci)), ci.containerInstanceArn)
        }
    }

    /// ARNs of a cluster's instances, optionally by status.
    public func listContainerInstances(_ r: ListContainerInstancesRequest) async throws -> ListContainerInstancesResponse {
        if let s = r.status, !["ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED"].contains(s) {
            throw ECSError.invalidParameter("Invalid status '\(s)'. Use ACTIVE or DRAINING.")
        }
        return try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            let arns: [String]
            if let s = r.status {
                arns = try String.fetchAll(db, sql: "SELECT arn FROM containerInstance WHERE clusterArn = ? AND status = ? ORDER BY arn", arguments: [cluster.clusterArn, s])
            } else {
                arns = try String.fetchAll(db, sql: "SELECT arn FROM containerInstance WHERE clusterArn = ? AND status != 'INACTIVE' ORDER BY arn", arguments: [cluster.clusterArn])
            }
            let (page, token) = try Page.slice(arns, maxResults: r.maxResults, nextToken: r.nextToken)
            return ListContainerInstancesResponse(containerInstanceArns: page, nextToken: token)
        }
    }

    /// Instances with registered and remaining resources and task counts.
    public func describeContainerInstances(_ r: DescribeContainerInstancesRequest) async throws -> DescribeContainerInstancesResponse {
        guard !r.containerInstances.isEmpty else { throw ECSError.invalidParameter("containerInstances can not be empty.") }
        return try await read { db in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var out: [ContainerInstance] = []
            var failures: [Failure] = []
            for ref in r.containerInstances {
                guard let ci = try Lookup.containerInstance(db, cluster: cluster, ref) else {
                    failures.append(Failure(arn: ref.hasPrefix("arn:") ? ref : ARN.containerInstance(cluster: cluster.clusterName, id: ref), reason: "MISSING"))
                    continue
                }
                var counted = try Lookup.counted(db, ci)
                if r.include?.contains("TAGS") == true { counted.tags = try Lookup.tags(db, ci.containerInstanceArn) }
                out.append(counted)
            }
            return DescribeContainerInstancesResponse(containerInstances: out, failures: failures)
        }
    }

    /// ACTIVE or DRAINING; service tasks leave DRAINING instances.
    public func updateContainerInstancesState(_ r: UpdateContainerInstancesStateRequest) async throws -> UpdateContainerInstancesStateResponse {
        guard r.status == "ACTIVE" || r.status == "DRAINING" else {
            throw ECSError.invalidParameter("Container instance status must be ACTIVE or DRAINING.")
        }
        guard !r.containerInstances.isEmpty else { throw ECSError.invalidParameter("containerInstances can not be empty.") }
        let clusterArn = ARN.cluster(ARN.clusterName(r.cluster))
        return try await mutateMany("UpdateContainerInstancesState", r, converge: ARN.clusterName(r.cluster)) { db, _ in
            let cluster = try Lookup.activeCluster(db, r.cluster)
            var out: [ContainerInstance] = []
            var failures: [Failure] = []
            for ref in r.containerInstances {
                guard var ci = try Lookup.containerInstance(db, cluster: cluster, ref), ci.status != "INACTIVE" else {
                    failures.append(Failure(arn: ref, reason: "MISSING"))
                    continue
                }
                ci.status = r.status
                ci.version += 1
                try ci.upsert(db)
                out.append(try Lookup.counted(db, ci))
            }
            let arns = out.isEmpty ? [clusterArn] : out.map(\.containerInstanceArn)
            return (UpdateContainerInstancesStateResponse(containerInstances: out, failures: failures), arns)
        }
    }
}
