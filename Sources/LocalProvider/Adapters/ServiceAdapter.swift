import Engine
import Orchestrator
import StackConfig

/// `service`: CreateService / UpdateService / DeleteService (force), read back with
/// DescribeServices. With `wait_for_steady_state`, create and update return only once the
/// PRIMARY deployment's rollout is COMPLETED with every task running (a FAILED rollout is an
/// error naming the service's last event); delete waits until the service is INACTIVE, so the
/// cluster can be deleted after it.
///
/// The orchestrator's service has no load balancer field: `load_balancer` is kept in the tag
/// `ecsform:load_balancer` (`container:container_port:listener_port`). A DAEMON service's
/// `maximumPercent` is always 100 in the orchestrator; the configured value is kept as is.
struct ServiceAdapter: ResourceAdapter {
    let orchestrator: Orchestrator
    let steadyStateTimeout: Duration

    var schema: ResourceSchema {
        ResourceSchema(type: "service", attributes: Self.attributes(
            ["name", "cluster", "task_definition", "desired_count", "launch_type", "scheduling_strategy", "deployment",
             "placement", "load_balancer", "wait_for_steady_state", "tags"],
            forcing: ["name", "cluster", "launch_type", "scheduling_strategy", "load_balancer"], computed: ["arn", "id"]))
    }

    // MARK: normalize

    func normalize(_ a: [String: Value]) -> [String: Value] {
        var out = a
        func lower(_ k: String, _ d: String) {
            let current = a[k]
            if let s = current?.stringValue { out.setIfChanged(k, .string(s.lowercased())) } else if current == nil || current == .null { out[k] = .string(d) }
        }
        out.update("name", absent: .null)
        out.update("cluster", absent: .null)
        out.update("task_definition", absent: .null)
        lower("launch_type", "fargate")
        lower("scheduling_strategy", "replica")
        if out["scheduling_strategy"] == .string("daemon") {
            out.setIfChanged("desired_count", .int(0))
        } else {
            out.update("desired_count", orNull: .int(1), \.numberNormalized)
        }
        var d = a["deployment"]?.mapValue ?? [:]
        if a["deployment"]?.mapValue != nil || a["deployment"] == nil || a["deployment"] == .null {
            d.update("minimum_healthy_percent", absent: .int(100), \.numberNormalized)
            d.update("maximum_percent", absent: .int(200), \.numberNormalized)
            var cb = d["circuit_breaker"]?.mapValue ?? [:]
            if d["circuit_breaker"]?.mapValue != nil || d["circuit_breaker"] == nil || d["circuit_breaker"] == .null {
                cb.update("enable", absent: .bool(false))
                cb.update("rollback", absent: .bool(false))
                d.setIfChanged("circuit_breaker", .map(cb))
            }
            out.setIfChanged("deployment", .map(d))
        }
        var p = a["placement"]?.mapValue ?? [:]
        if a["placement"]?.mapValue != nil || a["placement"] == nil || a["placement"] == .null {
            p.setIfChanged("strategy", Self.items(p["strategy"], key: "field"))
            p.setIfChanged("constraints", Self.items(p["constraints"], key: "expression"))
            out.setIfChanged("placement", .map(p))
        }
        if case .map(let lb)? = a["load_balancer"] {
            out.setIfChanged("load_balancer", .map(lb.mapValues(\.numberNormalized).merging(["container": lb["container"] ?? .null]) { _, c in c }))
        } else {
            out.setIfChanged("load_balancer", a["load_balancer"] ?? .null)
        }
        out.update("wait_for_steady_state", orNull: .bool(true))
        out.setIfChanged("tags", ClusterAdapter.normalizeStringMap(a["tags"]))
        return out
    }

    /// Placement items with their optional member filled (`null`), order kept.
    static func items(_ v: Value?, key: String) -> Value {
        guard let v, v != .null else { return .list([]) }
        guard case .list(let xs) = v else { return v }
        return .list(xs.map { x in
            guard case .map(var m) = x else { return x }
            m[key] = m[key] ?? .null
            return .map(m)
        })
    }

    // MARK: read

    /// `arn:...:service/CLUSTER/NAME` → (CLUSTER, NAME); also `CLUSTER/NAME`.
    static func parts(_ id: String) -> (cluster: String, name: String)? {
        ARN.serviceParts(id).map { (String($0.cluster), String($0.name)) }
    }

    func describe(_ id: String) async throws -> Service? {
        guard let (cluster, name) = Self.parts(id) else { throw ProviderError("\(id) is not a service ARN or CLUSTER/NAME") }
        let r: DescribeServicesResponse
        do {
            var request = DescribeServicesRequest(cluster: cluster, services: [name])
            request.include = ["TAGS"]
            r = try await orchestrator.describeServices(request)
        } catch let e as ECSError where e.isNotFound { return nil }
        return r.services.first
    }

    func read(id: String, prior: [String: Value]) async throws -> [String: Value]? {
        guard let s = try await describe(id), s.status == "ACTIVE" else { return nil }
        return attributes(of: s, prior: prior)
    }

    var readKind: BatchReadKey.Kind { .service }

    func request(id: String, into batch: inout BatchReadRequest) throws {
        guard ARN.serviceParts(id) != nil else { throw ProviderError("\(id) is not a service ARN or CLUSTER/NAME") }
        batch.services.append(id)
    }

    func read(id: String, prior: [String: Value], from batch: BatchReadResponse) throws -> [String: Value]? {
        if let e = batch.errors[id] { throw e }
        guard let s = batch.services[id], s.status == "ACTIVE" else { return nil }
        return attributes(of: s, prior: prior)
    }

    func attributes(of s: Service, prior: [String: Value]) -> [String: Value] {
        let daemon = s.schedulingStrategy == "DAEMON"
        let dc = s.deploymentConfiguration
        var maxPercent = Value.int(dc?.maximumPercent ?? 200)
        if daemon, dc?.maximumPercent == 100, let p = prior.map("deployment")?["maximum_percent"] { maxPercent = p }
        let cb = dc?.deploymentCircuitBreaker
        var lb: Value = .null
        if let text = ManagedTags.value(s.tags, ManagedTags.loadBalancer) {
            let parts = text.split(separator: ":").map(String.init)
            if parts.count == 3, let cp = Int(parts[1]), let lp = Int(parts[2]) {
                lb = .map(["container": .string(parts[0]), "container_port": .int(cp), "listener_port": .int(lp)])
            }
        }
        return [
            "name": .string(s.serviceName),
            "cluster": .string(ARN.clusterName(s.clusterArn)),
            "task_definition": .string(s.taskDefinition),
            "desired_count": .int(daemon ? 0 : s.desiredCount),
            "launch_type": .string((s.launchType ?? "FARGATE").lowercased()),
            "scheduling_strategy": .string(s.schedulingStrategy.lowercased()),
            "deployment": .map([
                "minimum_healthy_percent": .int(dc?.minimumHealthyPercent ?? 100),
                "maximum_percent": maxPercent,
                "circuit_breaker": .map(["enable": .bool(cb?.enable ?? false), "rollback": .bool(cb?.rollback ?? false)]),
            ]),
            "placement": .map([
                "strategy": .list((s.placementStrategy ?? []).map { .map(["type": .string($0.type), "field": .optionalString($0.field)]) }),
                "constraints": .list((s.placementConstraints ?? []).map { .map(["type": .string($0.type), "expression": .optionalString($0.expression)]) }),
            ]),
            "load_balancer": lb,
            "wait_for_steady_state": prior["wait_for_steady_state"].flatMap { $0.boolValue.map(Value.bool) } ?? .bool(true),
            "tags": .stringMap(ManagedTags.user(s.tags)),
            "arn": .string(s.serviceArn),
            "id": .string(s.serviceArn),
        ]
    }

    // MARK: create / update / delete

    func create(address: ResourceAddress, attributes a: [String: Value]) async throws -> (id: String, attributes: [String: Value]) {
        let name = a.string("name") ?? address.name
        guard let cluster = a.string("cluster") else { throw ProviderError("service \(name) has no cluster") }
        let daemon = a.string("scheduling_strategy") == "daemon"
        var request = CreateServiceRequest(
            cluster: cluster, serviceName: name, taskDefinition: a.string("task_definition"),
            desiredCount: daemon ? nil : (a.int("desired_count") ?? 1), launchType: (a.string("launch_type") ?? "fargate").uppercased(),
            deploymentConfiguration: Self.deployment(a, daemon: daemon),
            placementConstraints: Self.constraints(a), placementStrategy: daemon ? nil : Self.strategies(a),
            schedulingStrategy: daemon ? "DAEMON" : "REPLICA",
            tags: ManagedTags.ecs(a.stringMap("tags"), managed: Self.managedTags(address: address.description, a)))
        request.clientToken = nil
        let s: Service
        do {
            s = try await orchestrator.createService(request).service
        } catch let e as ECSError where e == .serviceNotIdempotent() {
            // The store keeps one live service per name and cluster, so a service of this
            // name is looked for only when CreateService says the name is taken.
            guard let existing = try await describe("\(ARN.clusterName(cluster))/\(name)"), existing.status == "ACTIVE" else { throw e }
            // A service this address created in an apply that died before recording it: adopt it.
            guard ManagedTags.value(existing.tags, ManagedTags.address) == address.description else {
                throw ProviderError("a service named \(name) already runs in cluster \(cluster) and was not created by \(address); import it with `ecsform import \(address) \(cluster)/\(name)` or choose another name")
            }
            let prior = attributes(of: existing, prior: a)
            let changed = a.keys.filter { prior[$0] != a[$0] }
            return (existing.serviceArn, try await update(id: existing.serviceArn, prior: prior, planned: a, changed: changed))
        }
        // CreateService converges before it returns: the service it returns (read in the
        // action, with the tags just stored) is what a DescribeServices would show now, so
        // when it is already steady there is nothing to wait for or read again.
        if s.status == "ACTIVE", try !(a.bool("wait_for_steady_state") ?? true) || Self.isSteady(s) {
            return (s.serviceArn, attributes(of: s, prior: a))
        }
        try await waitIfAsked(s.serviceArn, a)
        guard let attrs = try await read(id: s.serviceArn, prior: a) else { throw ProviderError("service \(name) vanished right after it was created") }
        return (s.serviceArn, attrs)
    }

    static func managedTags(address: String, _ a: [String: Value]) -> [String: String] {
        var m = [ManagedTags.address: address]
        if let lb = a.map("load_balancer") {
            m[ManagedTags.loadBalancer] = "\(lb.string("container") ?? ""):\(lb.int("container_port") ?? 0):\(lb.int("listener_port") ?? 0)"
        }
        return m
    }

    func update(id: String, prior: [String: Value], planned a: [String: Value], changed: [String]) async throws -> [String: Value] {
        guard let s = try await describe(id), s.status == "ACTIVE" else {
            throw ProviderError("service \(id) no longer exists; plan again to create it")
        }
        let daemon = s.schedulingStrategy == "DAEMON"
        let set = Set(changed)
        if !set.isDisjoint(with: ["desired_count", "task_definition", "deployment", "placement"]) {
            var request = UpdateServiceRequest(cluster: s.clusterArn, service: s.serviceName)
            if set.contains("desired_count"), !daemon { request.desiredCount = a.int("desired_count") }
            if set.contains("task_definition") { request.taskDefinition = a.string("task_definition") }
            if set.contains("deployment") { request.deploymentConfiguration = Self.deployment(a, daemon: daemon) }
            if set.contains("placement") {
                request.placementConstraints = Self.constraints(a)
                request.placementStrategy = daemon ? nil : Self.strategies(a)
            }
            _ = try await orchestrator.updateService(request)
        }
        if set.contains("tags") {
            let address = ManagedTags.value(s.tags, ManagedTags.address) ?? ""
            try await ClusterAdapter(orchestrator: orchestrator).syncTags(
                arn: s.serviceArn, user: a.stringMap("tags"), managed: Self.managedTags(address: address, a))
        }
        try await waitIfAsked(s.serviceArn, a)
        guard let attrs = try await read(id: s.serviceArn, prior: a) else { throw ProviderError("service \(id) vanished during the update") }
        return attrs
    }

    func delete(id: String, prior: [String: Value]) async throws {
        guard let s = try await describe(id), s.status != "INACTIVE" else { return }
        if s.status == "ACTIVE" {
            do {
                _ = try await orchestrator.deleteService(DeleteServiceRequest(cluster: s.clusterArn, service: s.serviceName, force: true))
            } catch let e as ECSError where e.isNotFound || e.type == "ServiceNotActiveException" {}
        }
        try await poll("service \(s.serviceName) to finish draining", cluster: s.clusterArn) {
            guard let now = try await describe(id) else { return true }
            return now.status == "INACTIVE"
        }
    }

    /// By ARN or `CLUSTER/NAME`.
    func importResource(id: String) async throws -> (id: String, attributes: [String: Value])? {
        guard let s = try await describe(id), s.status == "ACTIVE" else { return nil }
        return (s.serviceArn, attributes(of: s, prior: [:]))
    }

    // MARK: helpers

    static func deployment(_ a: [String: Value], daemon: Bool) -> DeploymentConfiguration {
        let d = a.map("deployment") ?? [:]
        let cb = d.map("circuit_breaker") ?? [:]
        return DeploymentConfiguration(
            deploymentCircuitBreaker: DeploymentCircuitBreaker(enable: cb.bool("enable") ?? false, rollback: cb.bool("rollback") ?? false),
            maximumPercent: daemon ? 100 : (d.int("maximum_percent") ?? 200),
            minimumHealthyPercent: d.int("minimum_healthy_percent") ?? 100)
    }

    static func strategies(_ a: [String: Value]) -> [PlacementStrategy] {
        (a.map("placement")?.list("strategy") ?? []).compactMap(\.mapValue).map {
            PlacementStrategy(type: $0.string("type") ?? "", field: $0.string("field"))
        }
    }

    static func constraints(_ a: [String: Value]) -> [PlacementConstraint] {
        (a.map("placement")?.list("constraints") ?? []).compactMap(\.mapValue).map {
            PlacementConstraint(type: $0.string("type") ?? "", expression: $0.string("expression"))
        }
    }

    private func waitIfAsked(_ arn: String, _ a: [String: Value]) async throws {
        guard a.bool("wait_for_steady_state") ?? true else { return }
        try await poll("service \(ARN.lastComponent(arn)) to reach a steady state", cluster: Self.parts(arn)?.cluster ?? "default") {
            guard let s = try await describe(arn), s.status == "ACTIVE" else {
                throw ProviderError("service \(arn) disappeared while waiting for a steady state")
            }
            return try Self.isSteady(s)
        }
    }

    /// The PRIMARY rollout COMPLETED with every task running; a FAILED rollout is an error.
    static func isSteady(_ s: Service) throws -> Bool {
        guard let primary = s.deployments.first(where: { $0.status == "PRIMARY" }) else { return false }
        if primary.rolloutState == "FAILED" {
            let why = primary.rolloutStateReason ?? s.events.first?.message ?? "no reason recorded"
            throw ProviderError("the deployment of \(s.serviceName) failed: \(why)")
        }
        return primary.rolloutState == "COMPLETED" && s.runningCount == s.desiredCount && s.deployments.count == 1
    }

    /// Checks `done`, converging the service's cluster between checks, until it holds or the
    /// timeout passes (then a clear error, never a hang).
    private func poll(_ what: String, cluster: String, _ done: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + steadyStateTimeout
        var pause = Duration.milliseconds(10)
        while true {
            if try await done() { return }
            if ContinuousClock.now >= deadline { throw ProviderError("timed out after \(steadyStateTimeout) waiting for \(what)") }
            try await orchestrator.reconcile(cluster: cluster)
            if try await done() { return }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }
}
