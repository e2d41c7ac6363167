import Engine
import Foundation
import Orchestrator
import StackConfig

/// `task_definition`: immutable revisions. Every change registers a new revision
/// (create-before-destroy, "new revision"); delete deregisters it (INACTIVE).
///
/// Secrets: each container secret is stored through the orchestrator's secrets store
/// (CreateSecret, or PutSecretValue when the name exists) under
/// `ecsform/FAMILY/CONTENT/CONTAINER/NAME` and referenced by ARN in `valueFrom`, so the
/// plain value is never in the task definition, the state or the audit log (which redacts
/// `SecretString`). The store never returns a value, so `read` returns, for a secret the
/// store reports unchanged since it was written, the value state holds (the engine's keyed
/// hash: no change planned), and for one changed out of band a marker naming its new version
/// (which differs from any hash: a change is planned and drift reports it). An imported
/// revision's secrets are unknown to state, so the next plan registers a new revision.
///
/// Container `depends_on` has no orchestrator field; it is kept in the docker label
/// `ecsform.depends_on` (`container:CONDITION,...`).
struct TaskDefinitionAdapter: ResourceAdapter {
    let orchestrator: Orchestrator
    let hasher: SensitiveHasher
    static let dependsOnLabel = "ecsform.depends_on"

    var schema: ResourceSchema {
        ResourceSchema(type: "task_definition", attributes: Self.attributes(
            ["family", "compatibilities", "network_mode", "cpu", "memory", "task_role", "containers", "tags"],
            forcing: [], computed: ["arn", "id", "revision"]),
            immutable: true, replacementNoun: "new revision")
    }

    // MARK: normalize

    func normalize(_ a: [String: Value]) -> [String: Value] {
        var out = a
        out.update("family", absent: .null)
        var compat = a["compatibilities"] ?? .list([.string("fargate")])
        if case .list(let xs) = compat, xs.allSatisfy({ $0.stringValue != nil }) {
            compat = .strings(Array(Set(xs.compactMap { $0.stringValue?.lowercased() })).sorted())
        }
        out.setIfChanged("compatibilities", compat)
        var mode = a["network_mode"] ?? .null
        if mode == .null {
            if case .list(let xs) = compat { mode = .string(xs.contains(.string("fargate")) ? "awsvpc" : "bridge") } else { mode = .unknown }
        }
        if let s = mode.stringValue { mode = .string(s.lowercased()) }
        out.setIfChanged("network_mode", mode)
        out.update("cpu", absent: .null, \.numberNormalized)
        out.update("memory", absent: .null, \.numberNormalized)
        out.update("task_role", absent: .null)
        if let c = a["containers"], case .list(let xs) = c {
            out.setIfChanged("containers", .list(xs.map { x in
                guard case .map(let m) = x else { return x }
                return .map(Self.normalizeContainer(m, networkMode: mode.stringValue))
            }))
        } else {
            out.setIfChanged("containers", a["containers"] ?? .list([]))
        }
        out.setIfChanged("tags", ClusterAdapter.normalizeStringMap(a["tags"]))
        return out
    }

    static func normalizeContainer(_ m: [String: Value], networkMode: String?) -> [String: Value] {
        var out = m
        func orDefault(_ k: String, _ d: Value) { out.update(k, orNull: d) }
        out.update("name", absent: .null)
        out.update("image", absent: .null)
        orDefault("essential", .bool(true))
        orDefault("command", .list([]))
        orDefault("entry_point", .list([]))
        out.update("working_directory", absent: .null)
        if let p = m["ports"], case .list(let ports) = p {
            out.setIfChanged("ports", .list(ports.map { p in
                guard case .map(var pm) = p else { return p }
                let container = (pm["container"] ?? .null).numberNormalized
                pm.setIfChanged("container", container)
                if pm["host"] == nil || pm["host"] == .null {
                    if let mode = networkMode { pm.setIfChanged("host", (mode == "host" || mode == "awsvpc") ? container : .int(0)) } else { pm.setIfChanged("host", .unknown) }
                } else {
                    pm.setIfChanged("host", pm["host"].map(\.numberNormalized))
                }
                if let proto = pm["protocol"]?.stringValue { pm.setIfChanged("protocol", .string(proto.lowercased())) } else if pm["protocol"] == nil || pm["protocol"] == .null { pm.setIfChanged("protocol", .string("tcp")) }
                return .map(pm)
            }))
        } else {
            orDefault("ports", .list([]))
        }
        out.setIfChanged("environment", ClusterAdapter.normalizeStringMap(m["environment"]))
        if let s = m["secrets"], case .map(let secrets) = s {
            out.setIfChanged("secrets", .map(secrets.mapValues { v in if case .sensitive = v { return v } else { return .sensitive(v) } }))
        } else {
            orDefault("secrets", .map([:]))
        }
        out.update("cpu", orNull: .int(0), \.numberNormalized)
        out.update("memory", absent: .null, \.numberNormalized)
        out.update("memory_reservation", absent: .null, \.numberNormalized)
        if let d = m["depends_on"], case .list(let deps) = d {
            out.setIfChanged("depends_on", .list(deps.map { d in
                guard case .map(var dm) = d else { return d }
                if let c = dm["condition"]?.stringValue { dm.setIfChanged("condition", .string(c.uppercased())) } else if dm["condition"] == nil || dm["condition"] == .null { dm.setIfChanged("condition", .string("START")) }
                return .map(dm)
            }))
        } else {
            orDefault("depends_on", .list([]))
        }
        if let h = m["health_check"], case .map(var hm) = h {
            func hd(_ k: String, _ d: Int) { hm.update(k, orNull: .int(d), \.numberNormalized) }
            hd("interval", 30); hd("timeout", 5); hd("retries", 3); hd("start_period", 0)
            hm.update("command", absent: .list([]))
            out.setIfChanged("health_check", .map(hm))
        } else {
            out.setIfChanged("health_check", m["health_check"] ?? .null)
        }
        return out
    }

    // MARK: read

    func read(id: String, prior: [String: Value]) async throws -> [String: Value]? {
        let r: DescribeTaskDefinitionResponse
        do {
            r = try await orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: id, include: ["TAGS"]))
        } catch let e as ECSError where e.isNotFound { return nil }
        guard r.taskDefinition.status == "ACTIVE" else { return nil }
        return try await attributes(of: r.taskDefinition, tags: r.tags, prior: prior)
    }

    var readKind: BatchReadKey.Kind { .taskDefinition }

    func request(id: String, into batch: inout BatchReadRequest) throws {
        batch.taskDefinitions.append(id)
    }

    func read(id: String, prior: [String: Value], from batch: BatchReadResponse) throws -> [String: Value]? {
        if let e = batch.errors[id] {
            if e.isNotFound { return nil }
            throw e
        }
        guard let snapshot = batch.taskDefinitions[id], snapshot.taskDefinition.status == "ACTIVE" else { return nil }
        return Self.attributes(of: snapshot.taskDefinition, tags: snapshot.tags, prior: prior) { snapshot.secrets[$0.valueFrom] }
    }

    func attributes(of td: TaskDefinition, tags: [Tag]?, prior: [String: Value]) async throws -> [String: Value] {
        var metadata: [String: SecretMetadata] = [:]
        var missing: Set<String> = []
        for c in td.containerDefinitions {
            for s in c.secrets ?? [] where metadata[s.valueFrom] == nil && !missing.contains(s.valueFrom) {
                do {
                    metadata[s.valueFrom] = try await orchestrator.describeSecret(DescribeSecretRequest(SecretId: s.valueFrom))
                } catch let e as ECSError where e.isNotFound {
                    missing.insert(s.valueFrom)
                }
            }
        }
        return Self.attributes(of: td, tags: tags, prior: prior) { metadata[$0.valueFrom] }
    }

    /// `td` in canonical form; `secret` gives the metadata of a referenced secret (nil: missing).
    static func attributes(of td: TaskDefinition, tags: [Tag]?, prior: [String: Value],
                           secret: (SecretReference) -> SecretMetadata?) -> [String: Value] {
        let priorContainers = (prior.list("containers") ?? []).compactMap(\.mapValue)
        var containers: [Value] = []
        for c in td.containerDefinitions {
            let priorSecrets = priorContainers.first { $0.string("name") == c.name }?.map("secrets") ?? [:]
            var secrets: [String: Value] = [:]
            for s in c.secrets ?? [] {
                secrets[s.name] = secretValue(s, metadata: secret(s), prior: priorSecrets[s.name])
            }
            containers.append(.map(container(c, networkMode: td.networkMode, secrets: secrets)))
        }
        return [
            "family": .string(td.family),
            "compatibilities": .strings(Array(Set((td.requiresCompatibilities ?? []).map { $0.lowercased() })).sorted()),
            "network_mode": .string((td.networkMode ?? "bridge").lowercased()),
            "cpu": td.cpu.flatMap(Int.init).map(Value.int) ?? .null,
            "memory": td.memory.flatMap(Int.init).map(Value.int) ?? .null,
            "task_role": .optionalString(td.taskRoleArn),
            "containers": .list(containers),
            "tags": .stringMap(ManagedTags.user(tags)),
            "arn": .string(td.taskDefinitionArn),
            "id": .string(td.taskDefinitionArn),
            "revision": .int(td.revision),
        ]
    }

    static func container(_ c: ContainerDefinition, networkMode: String?, secrets: [String: Value]) -> [String: Value] {
        var env: [String: String] = [:]
        for kv in c.environment ?? [] { env[kv.name] = kv.value ?? "" }
        let ports: [Value] = (c.portMappings ?? []).map { p in
            let container = p.containerPort ?? 0
            let host = p.hostPort ?? ((networkMode == "host" || networkMode == "awsvpc") ? container : 0)
            return .map(["container": .int(container), "host": .int(host), "protocol": .string((p.protocol ?? "tcp").lowercased())])
        }
        var dependsOn: [Value] = []
        for item in (c.dockerLabels?[dependsOnLabel] ?? "").split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            dependsOn.append(.map(["container": .string(parts[0]), "condition": .string(parts[1])]))
        }
        let health: Value = c.healthCheck.map { h in
            .map(["command": .strings(h.command), "interval": .int(h.interval ?? 30), "timeout": .int(h.timeout ?? 5),
                  "retries": .int(h.retries ?? 3), "start_period": .int(h.startPeriod ?? 0)])
        } ?? .null
        return [
            "name": .string(c.name), "image": .string(c.image), "essential": .bool(c.essential ?? true),
            "command": .strings(c.command ?? []), "entry_point": .strings(c.entryPoint ?? []),
            "working_directory": .optionalString(c.workingDirectory), "ports": .list(ports),
            "environment": .stringMap(env), "secrets": .map(secrets), "cpu": .int(c.cpu ?? 0),
            "memory": .optionalInt(c.memory), "memory_reservation": .optionalInt(c.memoryReservation),
            "depends_on": .list(dependsOn), "health_check": health,
        ]
    }

    /// What state can compare a secret with (see the type's doc comment).
    static func secretValue(_ ref: SecretReference, metadata: SecretMetadata?, prior: Value?) -> Value {
        guard let meta = metadata else {
            return .sensitive(.string("secret \(ref.valueFrom) is missing"))
        }
        if meta.LastChangedDate != meta.CreatedDate {
            return .sensitive(.string("secret \(meta.ARN) changed outside ecsform (version \(meta.VersionId ?? "?"))"))
        }
        if let prior, case .sensitive = prior { return prior }
        return .sensitive(.string("secret \(meta.ARN) (value not known to state)"))
    }

    // MARK: create / delete

    func create(address: ResourceAddress, attributes a: [String: Value]) async throws -> (id: String, attributes: [String: Value]) {
        let family = a.string("family") ?? address.name
        var hashed = a
        hashed["__address"] = .string(address.description)
        let content = String(hasher.digest(.map(hashed)).split(separator: ":").last ?? "")
        if let adopted = try await adoptable(family: family, address: address.description, content: content, tags: a.stringMap("tags")),
           var attrs = try await read(id: adopted.taskDefinitionArn, prior: a) {
            attrs["containers"] = Self.withSecrets(attrs["containers"], from: a["containers"])
            return (adopted.taskDefinitionArn, attrs)
        }
        var containers: [ContainerDefinition] = []
        var secrets: [CreateSecretRequest] = []
        let mode = a.string("network_mode")
        for case .map(let c) in a.list("containers") ?? [] {
            let name = c.string("name") ?? ""
            var refs: [(name: String, arn: String)] = []
            for (key, value) in (c.map("secrets") ?? [:]).sorted(by: { $0.key < $1.key }) {
                let secretName = "ecsform/\(family)/\(content.prefix(16))/\(name)/\(key)"
                secrets.append(CreateSecretRequest(Name: secretName, SecretString: value.unmarked.plainText,
                                                   Description: "ecsform: \(address) container \(name) \(key)"))
                refs.append((key, ARN.secret(secretName)))
            }
            containers.append(try Self.definition(c, networkMode: mode, secrets: refs))
        }
        var request = RegisterTaskDefinitionRequest(
            family: family, containerDefinitions: containers, taskRoleArn: a.string("task_role"), networkMode: mode,
            requiresCompatibilities: a.strings("compatibilities").map { $0.uppercased() },
            cpu: a.int("cpu").map(String.init), memory: a.int("memory").map(String.init),
            tags: ManagedTags.ecs(a.stringMap("tags"), managed: [ManagedTags.address: address.description, ManagedTags.content: content]))
        request.placementConstraints = nil
        let td: TaskDefinition
        do {
            // The secrets and the revision in one transaction.
            td = try await orchestrator.registerTaskDefinition(request, secrets: secrets).taskDefinition
        } catch let e as ECSError where e.type == "ResourceExistsException" {
            // A secret left by an apply that died before registering (so an older store
            // without the one-transaction registration): written afresh, then the revision.
            for s in secrets { _ = try await storeSecret(s) }
            td = try await orchestrator.registerTaskDefinition(request).taskDefinition
        }
        // The revision as registered; its secrets were written with it (or just before), so
        // every container's `secrets` are the configured ones, put back below.
        var attrs = Self.attributes(of: td, tags: request.tags, prior: a) { _ in nil }
        attrs["containers"] = Self.withSecrets(attrs["containers"], from: a["containers"])
        return (td.taskDefinitionArn, attrs)
    }

    /// The configured (sensitive) secret values put back into the read containers, so state
    /// records their keyed hashes.
    static func withSecrets(_ read: Value?, from config: Value?) -> Value {
        guard case .list(let xs)? = read else { return read ?? .list([]) }
        let configured = (config?.listValue ?? []).compactMap(\.mapValue)
        return .list(xs.map { x in
            guard case .map(var m) = x, let c = configured.first(where: { $0.string("name") == m.string("name") }) else { return x }
            m["secrets"] = c["secrets"] ?? .map([:])
            return .map(m)
        })
    }

    /// An ACTIVE revision this address registered with exactly this content (an apply died
    /// before state recorded it), whose tags and secrets nobody changed since. (A revision
    /// whose tags were changed outside ecsform is the one a plan replaces: adopting it would
    /// leave state naming the revision the replacement then deregisters.)
    private func adoptable(family: String, address: String, content: String, tags: [String: String]) async throws -> TaskDefinition? {
        let arns = try await orchestrator.listTaskDefinitions(ListTaskDefinitionsRequest(familyPrefix: family, status: "ACTIVE", sort: "DESC")).taskDefinitionArns
        for arn in arns {
            let r = try await orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: arn, include: ["TAGS"]))
            guard r.taskDefinition.family == family, ManagedTags.value(r.tags, ManagedTags.address) == address,
                  ManagedTags.value(r.tags, ManagedTags.content) == content, ManagedTags.user(r.tags) == tags else { continue }
            var untouched = true
            for c in r.taskDefinition.containerDefinitions {
                for s in c.secrets ?? [] {
                    let m = try? await orchestrator.describeSecret(DescribeSecretRequest(SecretId: s.valueFrom))
                    if m == nil || m?.LastChangedDate != m?.CreatedDate { untouched = false }
                }
            }
            if untouched { return r.taskDefinition }
        }
        return nil
    }

    private func storeSecret(_ r: CreateSecretRequest) async throws -> String {
        do {
            return try await orchestrator.createSecret(r).ARN
        } catch let e as ECSError where e.type == "ResourceExistsException" {
            // Left by an apply that died before registering (same content, so the same value).
            // Written afresh rather than with PutSecretValue, which would read as a change made
            // outside ecsform.
            _ = try await orchestrator.deleteSecret(DeleteSecretRequest(SecretId: r.Name, ForceDeleteWithoutRecovery: true))
            return try await orchestrator.createSecret(r).ARN
        }
    }

    /// The ECS container definition of a normalized container.
    static func definition(_ c: [String: Value], networkMode: String?, secrets: [(name: String, arn: String)]) throws -> ContainerDefinition {
        let ports = (c.list("ports") ?? []).compactMap(\.mapValue).map { p in
            PortMapping(containerPort: p.int("container"), hostPort: p.int("host"), protocol: p.string("protocol") ?? "tcp")
        }
        let health = c.map("health_check").map { h in
            HealthCheck(command: h.strings("command"), interval: h.int("interval"), timeout: h.int("timeout"),
                        retries: h.int("retries"), startPeriod: h.int("start_period"))
        }
        let deps = (c.list("depends_on") ?? []).compactMap(\.mapValue).map { "\($0.string("container") ?? ""):\($0.string("condition") ?? "START")" }
        return ContainerDefinition(
            name: c.string("name") ?? "", image: c.string("image") ?? "",
            cpu: c.int("cpu"), memory: c.int("memory"), memoryReservation: c.int("memory_reservation"),
            essential: c.bool("essential") ?? true, portMappings: ports,
            command: c.strings("command"), entryPoint: c.strings("entry_point"),
            environment: c.stringMap("environment").sorted { $0.key < $1.key }.map { KeyValuePair(name: $0.key, value: $0.value) },
            secrets: secrets.isEmpty ? nil : secrets.map { SecretReference(name: $0.name, valueFrom: $0.arn) },
            healthCheck: health, workingDirectory: c.string("working_directory"),
            dockerLabels: deps.isEmpty ? nil : [dependsOnLabel: deps.joined(separator: ",")])
    }

    func update(id: String, prior: [String: Value], planned: [String: Value], changed: [String]) async throws -> [String: Value] {
        throw ProviderError("task definitions are immutable: a change registers a new revision (this is a bug in the plan)")
    }

    /// Secrets first, then the revision: a kill between the two leaves the revision ACTIVE, so
    /// the next apply still sees it and deletes it again. (Deregistering first would leave an
    /// INACTIVE revision, which reads as gone, and its secrets with nobody to delete them.)
    func delete(id: String, prior: [String: Value]) async throws {
        let td: TaskDefinition
        do {
            td = try await orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: id)).taskDefinition
        } catch let e as ECSError where e.isNotFound { return }
        // Its secrets go, unless another ACTIVE revision of the family still uses them.
        let mine = Set(td.containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) })
        if !mine.isEmpty {
            var inUse = Set<String>()
            let active = try await orchestrator.listTaskDefinitions(ListTaskDefinitionsRequest(familyPrefix: td.family, status: "ACTIVE"))
            for arn in active.taskDefinitionArns where arn != td.taskDefinitionArn {
                let other = try await orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: arn)).taskDefinition
                for c in other.containerDefinitions { for s in c.secrets ?? [] { inUse.insert(s.valueFrom) } }
            }
            for secret in mine.subtracting(inUse).sorted() {
                do {
                    _ = try await orchestrator.deleteSecret(DeleteSecretRequest(SecretId: secret, ForceDeleteWithoutRecovery: true))
                } catch let e as ECSError where e.isNotFound {}
            }
        }
        if td.status == "ACTIVE" {
            _ = try await orchestrator.deregisterTaskDefinition(DeregisterTaskDefinitionRequest(taskDefinition: td.taskDefinitionArn))
        }
    }

    /// By ARN, `family:revision`, or `family` (its newest ACTIVE revision).
    func importResource(id: String) async throws -> (id: String, attributes: [String: Value])? {
        let r: DescribeTaskDefinitionResponse
        do {
            r = try await orchestrator.describeTaskDefinition(DescribeTaskDefinitionRequest(taskDefinition: id, include: ["TAGS"]))
        } catch let e as ECSError where e.isNotFound { return nil }
        guard r.taskDefinition.status == "ACTIVE" else { return nil }
        return (r.taskDefinition.taskDefinitionArn, try await attributes(of: r.taskDefinition, tags: r.tags, prior: [:]))
    }
}
