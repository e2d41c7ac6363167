import Engine
import Orchestrator
import StackConfig

/// `cluster`: CreateCluster / UpdateClusterSettings / tags, and its container instances.
///
/// `instances.count` is kept by registering instances (RegisterContainerInstance) or by
/// draining the ones with the fewest tasks (UpdateContainerInstancesState DRAINING, which
/// moves their service tasks) and then deregistering them. A change of `cpu`, `memory` or
/// `attributes` cannot be made to a registered instance, so it is rolled: instances of the new
/// shape are registered first, then the old ones are drained and deregistered — an update in
/// place of the cluster, never a replacement of it. Every ACTIVE instance of the cluster counts,
/// so one registered out of band shows as drift and the next apply removes it.
///
/// `capacity` has no orchestrator field; it is kept in the tag `ecsform:capacity`.
struct ClusterAdapter: ResourceAdapter {
    let orchestrator: Orchestrator
    static let capacityTag = "ecsform:capacity"

    var schema: ResourceSchema {
        ResourceSchema(type: "cluster", attributes: Self.attributes(
            ["name", "capacity", "instances", "settings", "tags"], forcing: ["name"], computed: ["arn", "id"]))
    }

    // MARK: normalize

    func normalize(_ a: [String: Value]) -> [String: Value] {
        var out = a
        out.setIfChanged("name", a["name"] ?? .null)
        let capacity = a["capacity"].map { $0.stringValue.map { Value.string($0.lowercased()) } ?? $0 } ?? .string("fargate")
        out.setIfChanged("capacity", capacity)
        if let inst = a["instances"], case .map(let m) = inst {
            out.setIfChanged("instances", .map(Self.normalizeInstances(m)))
        } else {
            out.setIfChanged("instances", a["instances"] ?? .null)
        }
        var settings = a["settings"]?.mapValue ?? [:]
        if a["settings"] == nil || a["settings"] == .null || a["settings"]?.mapValue != nil {
            settings["container_insights"] = settings["container_insights"] ?? .bool(false)
            out.setIfChanged("settings", .map(settings))
        }
        out.setIfChanged("tags", Self.normalizeStringMap(a["tags"]))
        return out
    }

    static func normalizeInstances(_ m: [String: Value]) -> [String: Value] {
        var out = m
        out.setIfChanged("count", (m["count"] ?? .int(1)).numberNormalized)
        out.setIfChanged("cpu", (m["cpu"] ?? .int(2048)).numberNormalized)
        out.setIfChanged("memory", (m["memory"] ?? .int(4096)).numberNormalized)
        out.setIfChanged("attributes", normalizeStringMap(m["attributes"]))
        return out
    }

    /// `{}` when absent; known values as strings.
    static func normalizeStringMap(_ v: Value?) -> Value {
        guard let v, v != .null else { return .map([:]) }
        guard case .map(let m) = v else { return v }
        // Plain strings are what the map would become: nothing to rebuild.
        if m.values.allSatisfy({ if case .string = $0 { true } else { false } }) { return v }
        return .map(m.mapValues { x in x.isFullyKnown && !x.isSensitive ? .string(x.plainText) : x })
    }

    // MARK: read

    func read(id: String, prior: [String: Value]) async throws -> [String: Value]? {
        let r = try await orchestrator.describeClusters(DescribeClustersRequest(clusters: [id], include: ["TAGS"]))
        guard let c = r.clusters.first, c.status == "ACTIVE" else { return nil }
        return try await attributes(of: c, prior: prior)
    }

    var readKind: BatchReadKey.Kind { .cluster }

    func request(id: String, into batch: inout BatchReadRequest) throws {
        batch.clusters.append(id)
    }

    func read(id: String, prior: [String: Value], from batch: BatchReadResponse) throws -> [String: Value]? {
        guard let snapshot = batch.clusters[id], snapshot.cluster.status == "ACTIVE" else { return nil }
        return Self.attributes(of: snapshot.cluster, instances: snapshot.containerInstances, prior: prior)
    }

    func attributes(of c: Cluster, prior: [String: Value]) async throws -> [String: Value] {
        Self.attributes(of: c, instances: try await liveInstances(cluster: c.clusterArn), prior: prior)
    }

    /// `c` (with its tags) and its live instances in canonical form.
    static func attributes(of c: Cluster, instances live: [ContainerInstance], prior: [String: Value]) -> [String: Value] {
        let insights = c.settings?.first { $0.name == "containerInsights" }?.value ?? "disabled"
        let capacity = ManagedTags.value(c.tags, Self.capacityTag) ?? prior.string("capacity") ?? "fargate"
        let instances = live.filter { $0.status == "ACTIVE" }
        var instancesValue: Value = .null
        let priorShape = prior.map("instances")
        if !instances.isEmpty || priorShape != nil {
            let shapes = instances.map(Self.shape)
            let priorKey = priorShape.map { Self.shapeKey(Self.normalizeInstances($0)) }
            let shown = shapes.first { Self.shapeKey($0) != priorKey } ?? shapes.first
            var m = shown ?? Self.normalizeInstances(priorShape ?? [:])
            m["count"] = .int(instances.count)
            instancesValue = .map(m)
        }
        return [
            "name": .string(c.clusterName),
            "capacity": .string(capacity),
            "instances": instancesValue,
            "settings": .map(["container_insights": .bool(insights != "disabled")]),
            "tags": .stringMap(ManagedTags.user(c.tags)),
            "arn": .string(c.clusterArn),
            "id": .string(c.clusterArn),
        ]
    }

    /// An instance's `{cpu, memory, attributes}` in canonical form (without `count`).
    static func shape(_ ci: ContainerInstance) -> [String: Value] {
        let cpu = ci.registeredResources.first { $0.name == "CPU" }?.integerValue ?? 0
        let memory = ci.registeredResources.first { $0.name == "MEMORY" }?.integerValue ?? 0
        var attrs: [String: String] = [:]
        for a in ci.attributes ?? [] where !a.name.hasPrefix("ecs.") { attrs[a.name] = a.value ?? "" }
        return ["cpu": .int(cpu), "memory": .int(memory), "attributes": .stringMap(attrs)]
    }

    static func shapeKey(_ m: [String: Value]) -> String {
        Value.map(m.filter { $0.key != "count" }).canonicalJSON
    }

    /// Every instance of the cluster that is not INACTIVE, page by page (a page holds 100).
    func liveInstances(cluster: String) async throws -> [ContainerInstance] {
        var arns: [String] = []
        var request = ListContainerInstancesRequest(cluster: cluster)
        while true {
            let page = try await orchestrator.listContainerInstances(request)
            arns += page.containerInstanceArns
            guard let next = page.nextToken else { break }
            request.nextToken = next
        }
        guard !arns.isEmpty else { return [] }
        return try await orchestrator.describeContainerInstances(
            DescribeContainerInstancesRequest(cluster: cluster, containerInstances: arns)).containerInstances
    }

    // MARK: create / update / delete

    func create(address: ResourceAddress, attributes a: [String: Value]) async throws -> (id: String, attributes: [String: Value]) {
        let name = a.string("name") ?? address.name
        let managed = [ManagedTags.address: address.description, Self.capacityTag: a.string("capacity") ?? "fargate"]
        // CreateCluster returns the existing ACTIVE cluster of that name: a create interrupted
        // earlier is adopted here, and its settings, tags and instances brought to the config.
        let want = ManagedTags.ecs(a.stringMap("tags"), managed: managed)
        let c = try await orchestrator.createCluster(CreateClusterRequest(
            clusterName: name, settings: [Self.insights(a)], tags: want)).cluster
        // A new cluster (or one left exactly so by an interrupted create): the response holds
        // its settings, tags and instance count, so its instances are registered at once and
        // its attributes built from what was written, which is what a read would return.
        let current = c.tags ?? []
        if c.settings?.first(where: { $0.name == "containerInsights" }) == Self.insights(a),
           current.count == want.count, want.allSatisfy(current.contains), c.registeredContainerInstancesCount == 0 {
            let registrations = Self.registrations(cluster: c.clusterArn, address: address.description, a, existing: 0)
            let instances = try await orchestrator.registerContainerInstances(registrations).map(\.containerInstance)
            return (c.clusterArn, Self.attributes(of: c, instances: instances, prior: a))
        }
        if c.settings?.first(where: { $0.name == "containerInsights" }) != Self.insights(a) {
            _ = try await orchestrator.updateClusterSettings(UpdateClusterSettingsRequest(cluster: c.clusterArn, settings: [Self.insights(a)]))
        }
        try await syncTags(arn: c.clusterArn, user: a.stringMap("tags"), managed: managed)
        try await ensureInstances(cluster: c.clusterArn, address: address.description, a)
        guard let attrs = try await read(id: c.clusterArn, prior: a) else {
            throw ProviderError("cluster \(name) vanished right after it was created")
        }
        return (c.clusterArn, attrs)
    }

    func update(id: String, prior: [String: Value], planned a: [String: Value], changed: [String]) async throws -> [String: Value] {
        let c = try await orchestrator.describeClusters(DescribeClustersRequest(clusters: [id], include: ["TAGS"]))
        guard let cluster = c.clusters.first, cluster.status == "ACTIVE" else {
            throw ProviderError("cluster \(id) no longer exists; plan again to create it")
        }
        let address = ManagedTags.value(cluster.tags, ManagedTags.address) ?? ""
        if changed.contains("settings") {
            _ = try await orchestrator.updateClusterSettings(UpdateClusterSettingsRequest(cluster: id, settings: [Self.insights(a)]))
        }
        if changed.contains("tags") || changed.contains("capacity") {
            try await syncTags(arn: id, user: a.stringMap("tags"),
                               managed: [ManagedTags.address: address, Self.capacityTag: a.string("capacity") ?? "fargate"])
        }
        if changed.contains("instances") || changed.contains("capacity") {
            try await ensureInstances(cluster: id, address: address, a)
        }
        guard let attrs = try await read(id: id, prior: a) else { throw ProviderError("cluster \(id) vanished during the update") }
        return attrs
    }

    func delete(id: String, prior: [String: Value]) async throws {
        let found: [Cluster]
        do {
            found = try await orchestrator.describeClusters(DescribeClustersRequest(clusters: [id])).clusters
        } catch let e as ECSError where e.isNotFound { return }
        guard let c = found.first, c.status == "ACTIVE" else { return }
        for ci in try await liveInstances(cluster: id) {
            _ = try await orchestrator.deregisterContainerInstance(
                DeregisterContainerInstanceRequest(cluster: id, containerInstance: ci.containerInstanceArn, force: true))
        }
        do {
            _ = try await orchestrator.deleteCluster(DeleteClusterRequest(cluster: id))
        } catch let e as ECSError where e.isNotFound { return }
    }

    /// By ARN or name.
    func importResource(id: String) async throws -> (id: String, attributes: [String: Value])? {
        let r = try await orchestrator.describeClusters(DescribeClustersRequest(clusters: [id], include: ["TAGS"]))
        guard let c = r.clusters.first, c.status == "ACTIVE" else { return nil }
        return (c.clusterArn, try await attributes(of: c, prior: [:]))
    }

    // MARK: helpers

    static func insights(_ a: [String: Value]) -> ClusterSetting {
        let on = a.map("settings")?.bool("container_insights") ?? false
        return ClusterSetting(name: "containerInsights", value: on ? "enabled" : "disabled")
    }

    /// Makes the resource's tags exactly `user` plus `managed`.
    func syncTags(arn: String, user: [String: String], managed: [String: String]) async throws {
        let current = try await orchestrator.listTagsForResource(ListTagsForResourceRequest(resourceArn: arn)).tags
        let want = ManagedTags.ecs(user, managed: managed)
        let wantKeys = Set(want.map(\.key))
        let stale = current.map(\.key).filter { !wantKeys.contains($0) }
        if !stale.isEmpty { _ = try await orchestrator.untagResource(UntagResourceRequest(resourceArn: arn, tagKeys: stale)) }
        let missing = want.filter { w in !current.contains(w) }
        if !missing.isEmpty { _ = try await orchestrator.tagResource(TagResourceRequest(resourceArn: arn, tags: missing)) }
    }

    /// The registrations that bring `existing` instances of the configured shape up to
    /// `instances.count` (none unless the capacity is `ec2`).
    static func registrations(cluster: String, address: String, _ a: [String: Value], existing: Int) -> [RegisterContainerInstanceRequest] {
        guard a.string("capacity") == "ec2", let spec = a.map("instances").map(normalizeInstances) else { return [] }
        let want = max(0, spec.int("count") ?? 0)
        guard existing < want else { return [] }
        let resources = [Resource(name: "CPU", integerValue: spec.int("cpu") ?? 2048),
                         Resource(name: "MEMORY", integerValue: spec.int("memory") ?? 4096)]
        let attributes = spec.stringMap("attributes").sorted { $0.key < $1.key }.map { Attribute(name: $0.key, value: $0.value) }
        return (existing..<want).map { _ in
            RegisterContainerInstanceRequest(cluster: cluster, totalResources: resources, attributes: attributes,
                                             tags: [Tag(key: ManagedTags.address, value: address)])
        }
    }

    /// Brings the cluster's ACTIVE instances to `instances.count` of the configured shape:
    /// new ones first, then surplus and misshapen ones drained (fewest tasks first) and deregistered.
    func ensureInstances(cluster: String, address: String, _ a: [String: Value]) async throws {
        let spec = a.string("capacity") == "ec2" ? a.map("instances").map(Self.normalizeInstances) : nil
        let want = max(0, spec?.int("count") ?? 0)
        let live = try await liveInstances(cluster: cluster)
        let active = live.filter { $0.status == "ACTIVE" }
        let wantKey = spec.map(Self.shapeKey)
        let fitting = active.filter { Self.shapeKey(Self.shape($0)) == wantKey }
        let registrations = Self.registrations(cluster: cluster, address: address, a, existing: fitting.count)
        if !registrations.isEmpty { _ = try await orchestrator.registerContainerInstances(registrations) }
        let keep = Set(fitting.sorted { ($0.runningTasksCount, $0.containerInstanceArn) > ($1.runningTasksCount, $1.containerInstanceArn) }
            .prefix(want).map(\.containerInstanceArn))
        let remove = live.filter { !keep.contains($0.containerInstanceArn) }
            .sorted { ($0.runningTasksCount, $0.containerInstanceArn) < ($1.runningTasksCount, $1.containerInstanceArn) }
        let toDrain = remove.filter { $0.status == "ACTIVE" }.map(\.containerInstanceArn)
        if !toDrain.isEmpty {
            _ = try await orchestrator.updateContainerInstancesState(
                UpdateContainerInstancesStateRequest(cluster: cluster, containerInstances: toDrain, status: "DRAINING"))
        }
        for ci in remove {
            _ = try await orchestrator.deregisterContainerInstance(
                DeregisterContainerInstanceRequest(cluster: cluster, containerInstance: ci.containerInstanceArn, force: true))
        }
    }
}
