import Foundation
import GRDB

/// What `batchRead` should look up. References are taken the way the single-object actions
/// take them: clusters by name or ARN, services by ARN or `CLUSTER/NAME`, task definitions by
/// ARN, `family:revision` or `family`, roles by name or ARN.
public struct BatchReadRequest: Sendable, Hashable {
    public var clusters: [String]
    public var services: [String]
    public var taskDefinitions: [String]
    public var roles: [String]

    public init(clusters: [String] = [], services: [String] = [], taskDefinitions: [String] = [], roles: [String] = []) {
        self.clusters = clusters
        self.services = services
        self.taskDefinitions = taskDefinitions
        self.roles = roles
    }

    public var isEmpty: Bool { clusters.isEmpty && services.isEmpty && taskDefinitions.isEmpty && roles.isEmpty }
}

/// A cluster as `DescribeClusters` with `include: ["TAGS"]` shows it, without the live counts
/// (left 0: computing them costs four queries per cluster and readers of many objects rarely
/// need them), and its container instances that are not INACTIVE, ordered by ARN, as
/// `DescribeContainerInstances` shows them, also without task counts and tags.
public struct ClusterSnapshot: Sendable, Equatable {
    public var cluster: Cluster
    public var containerInstances: [ContainerInstance]
}

/// A role with its inline policies (name and document, ordered by name), as `GetRole`,
/// `ListRolePolicies` and `GetRolePolicy` return them.
public struct RoleSnapshot: Sendable, Equatable {
    public var role: Role
    public var policies: [RolePolicy]
}

/// One inline policy of a role.
public struct RolePolicy: Sendable, Equatable {
    public var name: String
    public var document: String
}

/// A task definition revision with its tags, as `DescribeTaskDefinition` with
/// `include: ["TAGS"]` returns it, and the metadata (never the value) of each secret its
/// containers reference, keyed by the `valueFrom` as written; a missing secret has no entry.
public struct TaskDefinitionSnapshot: Sendable, Equatable {
    public var taskDefinition: TaskDefinition
    public var tags: [Tag]
    public var secrets: [String: SecretMetadata]
}

/// `batchRead`'s answer, keyed by each reference as the request gave it. A reference to an
/// object that does not exist (for services: also one whose cluster is not ACTIVE) has no
/// entry; one the orchestrator refuses (a malformed reference) has its error in `errors`.
/// Objects are returned whatever their status (INACTIVE ones too), as the describe actions do.
public struct BatchReadResponse: Sendable {
    public var clusters: [String: ClusterSnapshot] = [:]
    public var services: [String: Service] = [:]
    public var taskDefinitions: [String: TaskDefinitionSnapshot] = [:]
    public var roles: [String: RoleSnapshot] = [:]
    public var errors: [String: ECSError] = [:]
}

extension Orchestrator {
    /// Describes many objects in one read transaction: what `DescribeClusters`,
    /// `ListContainerInstances` + `DescribeContainerInstances`, `DescribeServices`,
    /// `DescribeTaskDefinition` (+ `DescribeSecret` per referenced secret) and `GetRole` +
    /// `ListRolePolicies` + `GetRolePolicy` would return one by one, at a fraction of the cost:
    /// a provider refreshing thousands of objects calls this instead of thousands of actions.
    /// Read-only, not audited, and consistent (one snapshot of the store).
    public func batchRead(_ r: BatchReadRequest) async throws -> BatchReadResponse {
        guard !r.isEmpty else { return BatchReadResponse() }
        return try await read { db in try BatchReader(db).run(r) }
    }
}

/// The lookups of one `batchRead`: one query per table for the whole batch (`IN` lists over
/// primary keys and indexed columns) instead of several per object, bodies read with
/// `JSONCursor`.
struct BatchReader {
    let db: Database
    let decoder = ECSJSON.decoder()
    /// Keys per `IN (...)` list, well under SQLite's limit on bound parameters.
    static let inLimit = 500

    init(_ db: Database) { self.db = db }

    func run(_ r: BatchReadRequest) throws -> BatchReadResponse {
        var out = BatchReadResponse()
        try readClusters(r.clusters, into: &out)
        try readServices(r.services, into: &out)
        try readTaskDefinitions(r.taskDefinitions, into: &out)
        try readRoles(r.roles, into: &out)
        return out
    }

    // MARK: per kind

    private func readClusters(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let arns = Self.unique(refs.map { ARN.cluster(ARN.clusterName($0)) })
        let clusters = try bodies(Cluster.self, "SELECT arn AS k, body FROM cluster WHERE arn IN", arns)
        let found = Array(clusters.keys)
        let tags = try tags(found)
        var instances: [String: [ContainerInstance]] = [:]
        try forEachRow("SELECT clusterArn AS k, body FROM containerInstance WHERE status != 'INACTIVE' AND clusterArn IN", found,
                       order: "ORDER BY arn") { row in
            var ci = try decode(ContainerInstance.self, row)
            ci.runningTasksCount = 0
            ci.pendingTasksCount = 0
            ci.tags = nil
            instances[row["k"], default: []].append(ci)
        }
        for ref in refs {
            let arn = ARN.cluster(ARN.clusterName(ref))
            guard var c = clusters[arn] else { continue }
            c.registeredContainerInstancesCount = 0
            c.runningTasksCount = 0
            c.pendingTasksCount = 0
            c.activeServicesCount = 0
            c.tags = tags[arn] ?? []
            out.clusters[ref] = ClusterSnapshot(cluster: c, containerInstances: instances[arn] ?? [])
        }
    }

    /// Like `DescribeServices`: a service in a cluster that is not ACTIVE is not found.
    private func readServices(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        var wanted: [(ref: String, cluster: String, arn: String)] = []
        for ref in refs {
            guard let parts = ARN.serviceParts(ref) else {
                out.errors[ref] = ECSError.invalidParameter("\(ref) is not a service ARN or CLUSTER/NAME.")
                continue
            }
            let (cluster, name) = (String(parts.cluster), String(parts.name))
            wanted.append((ref, ARN.cluster(cluster), ARN.service(cluster: cluster, name: name)))
        }
        var active = Set<String>()
        for row in try rows("SELECT arn AS k, status FROM cluster WHERE arn IN", Self.unique(wanted.map(\.cluster)))
            where (row["status"] as String?) == "ACTIVE" { active.insert(row["k"]) }
        let live = wanted.filter { active.contains($0.cluster) }
        var services = try bodies(Service.self, "SELECT arn AS k, body FROM service WHERE arn IN", Self.unique(live.map(\.arn)))
        let tags = try tags(Self.unique(services.values.map(\.serviceArn)))
        for key in Array(services.keys) {
            let arn = services[key]?.serviceArn ?? ""
            services[key]?.tags = tags[arn] ?? []
        }
        for w in live { if let s = services[w.arn] { out.services[w.ref] = s } }
    }

    /// `Lookup.taskDefinition`'s resolution: ARN or `family:revision` exactly, `family` as its
    /// newest ACTIVE revision; nothing when there is none; an ECSError for a malformed reference.
    private func readTaskDefinitions(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        var byARN: [(ref: String, arn: String)] = []
        var found: [String: TaskDefinition] = [:]  // by reference
        for ref in refs {
            let padded = ref.unicodeScalars.first.map(CharacterSet.whitespaces.contains) == true
                || ref.unicodeScalars.last.map(CharacterSet.whitespaces.contains) == true
            let trimmed = padded ? ref.trimmingCharacters(in: .whitespaces) : ref
            guard !trimmed.isEmpty else {
                out.errors[ref] = ECSError.client("Task definition must be specified.")
                continue
            }
            let name = ARN.lastComponent(trimmed)
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 2 {
                guard let rev = Int(parts[1]) else {
                    out.errors[ref] = ECSError.client("Invalid revision number. Number: \(parts[1])")
                    continue
                }
                byARN.append((ref, ARN.taskDefinition(String(parts[0]), rev)))
            } else if parts.count == 1 {
                let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT body FROM taskDefinition WHERE family = ? AND status = 'ACTIVE' ORDER BY revision DESC LIMIT 1
                    """), arguments: [name])
                if let row { found[ref] = try decode(TaskDefinition.self, row) }
            }
        }
        let exact = try bodies(TaskDefinition.self, "SELECT arn AS k, body FROM taskDefinition WHERE arn IN", Self.unique(byARN.map(\.arn)))
        for w in byARN { if let td = exact[w.arn] { found[w.ref] = td } }
        let references = Set(found.values.flatMap { $0.containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) } })
        let secrets = try bodies(SecretMetadata.self, "SELECT name AS k, body FROM secret WHERE name IN",
                                 Self.unique(references.map(SecretStore.name(of:))))
        let tags = try tags(Self.unique(found.values.map(\.taskDefinitionArn)))
        for (ref, td) in found {
            var metadata: [String: SecretMetadata] = [:]
            for c in td.containerDefinitions {
                for s in c.secrets ?? [] { metadata[s.valueFrom] = secrets[SecretStore.name(of: s.valueFrom)] }
            }
            out.taskDefinitions[ref] = TaskDefinitionSnapshot(taskDefinition: td, tags: tags[td.taskDefinitionArn] ?? [], secrets: metadata)
        }
    }

    private func readRoles(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let names = Self.unique(refs.map(ARN.lastComponent))
        let roles = try bodies(Role.self, "SELECT name AS k, body FROM role WHERE name IN", names)
        var policies: [String: [RolePolicy]] = [:]
        try forEachRow("SELECT roleName AS k, policyName, document FROM rolePolicy WHERE roleName IN", Array(roles.keys),
                       order: "ORDER BY roleName, policyName") { row in
            policies[row["k"], default: []].append(RolePolicy(name: row["policyName"], document: row["document"]))
        }
        for ref in refs {
            let name = ARN.lastComponent(ref)
            if let role = roles[name] { out.roles[ref] = RoleSnapshot(role: role, policies: policies[name] ?? []) }
        }
    }

    // MARK: helpers

    /// Each resource's tags, ordered by key.
    private func tags(_ arns: [String]) throws -> [String: [Tag]] {
        var out: [String: [Tag]] = [:]
        out.reserveCapacity(arns.count)
        try forEachRow("SELECT resourceArn AS k, key, value FROM tag WHERE resourceArn IN", arns, order: "ORDER BY resourceArn, key") { row in
            out[row["k"], default: []].append(Tag(key: row["key"], value: row["value"]))
        }
        return out
    }

    /// Decoded bodies by the `k` column; `sql` ends with `IN`.
    private func bodies<T: FastBodyDecodable>(_ type: T.Type, _ sql: String, _ keys: [String]) throws -> [String: T] {
        var out: [String: T] = [:]
        out.reserveCapacity(keys.count)
        try forEachRow(sql, keys) { row in out[row["k"]] = try decode(type, row) }
        return out
    }

    /// `rows`, handing each row to `body` as SQLite steps to it instead of copying them all
    /// out first (a row is only valid inside `body`; bodies are decoded in place).
    private func forEachRow(_ sql: String, _ keys: [String], order: String = "", _ body: (Row) throws -> Void) throws {
        for start in stride(from: 0, to: keys.count, by: Self.inLimit) {
            let part = Array(keys[start..<min(keys.count, start + Self.inLimit)])
            let marks = repeatElement("?", count: part.count).joined(separator: ",")
            let cursor = try Row.fetchCursor(db, sql: "\(sql) (\(marks)) \(order)", arguments: StatementArguments(part))
            while let row = try cursor.next() { try body(row) }
        }
    }

    /// `sql` (ending with `IN`) over `keys`, in lists of at most `inLimit`, then `order`.
    private func rows(_ sql: String, _ keys: [String], order: String = "") throws -> [Row] {
        var out: [Row] = []
        for start in stride(from: 0, to: keys.count, by: Self.inLimit) {
            let part = Array(keys[start..<min(keys.count, start + Self.inLimit)])
            let marks = repeatElement("?", count: part.count).joined(separator: ",")
            out += try Row.fetchAll(db, sql: "\(sql) (\(marks)) \(order)", arguments: StatementArguments(part))
        }
        return out
    }

    /// The row's `body`, read where SQLite holds it (no copy); a NULL body fails to decode.
    private func decode<T: FastBodyDecodable>(_ type: T.Type, _ row: Row) throws -> T {
        try row.withUnsafeData(named: "body") { data in try T.decodeBody(data ?? Data(), fallback: decoder) }
    }

    static func unique(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}

extension Orchestrator {
    /// The newest audit record of each ARN (what `ListAuditRecords` with `maxResults: 1`
    /// returns for it), in one read transaction; an ARN with no record has no entry.
    public func lastAuditRecords(resourceArns: [String]) async throws -> [String: AuditRecord] {
        guard !resourceArns.isEmpty else { return [:] }
        return try await read { db in
            var out: [String: AuditRecord] = [:]
            for arn in resourceArns where out[arn] == nil {
                if let record = try AuditLog.list(db, resourceArn: arn, limit: 1).first { out[arn] = record }
            }
            return out
        }
    }
}
