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

/// The lookups of one `batchRead`, over cached prepared statements and one JSON decoder.
struct BatchReader {
    let db: Database
    let decoder = ECSJSON.decoder()

    init(_ db: Database) { self.db = db }

    func run(_ r: BatchReadRequest) throws -> BatchReadResponse {
        var out = BatchReadResponse()
        for ref in r.clusters where out.clusters[ref] == nil {
            if let c = try cluster(ref) { out.clusters[ref] = c }
        }
        var activeClusters: [String: Bool] = [:]
        for ref in r.services where out.services[ref] == nil {
            guard let (cluster, name) = Self.serviceParts(ref) else {
                out.errors[ref] = ECSError.invalidParameter("\(ref) is not a service ARN or CLUSTER/NAME.")
                continue
            }
            let clusterArn = ARN.cluster(cluster)
            if activeClusters[clusterArn] == nil {
                activeClusters[clusterArn] = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT status FROM cluster WHERE arn = ?"), arguments: [clusterArn]) == "ACTIVE"
            }
            guard activeClusters[clusterArn] == true else { continue }
            let arn = ARN.service(cluster: cluster, name: name)
            guard var s = try body(Service.self, "SELECT body FROM service WHERE arn = ?", arn) else { continue }
            s.tags = try tags(s.serviceArn)
            out.services[ref] = s
        }
        for ref in r.taskDefinitions where out.taskDefinitions[ref] == nil {
            do {
                if let td = try taskDefinition(ref) { out.taskDefinitions[ref] = td }
            } catch let e as ECSError {
                out.errors[ref] = e
            }
        }
        for ref in r.roles where out.roles[ref] == nil {
            if let role = try role(ref) { out.roles[ref] = role }
        }
        return out
    }

    // MARK: lookups

    private func cluster(_ ref: String) throws -> ClusterSnapshot? {
        let arn = ARN.cluster(ARN.clusterName(ref))
        guard var c = try body(Cluster.self, "SELECT body FROM cluster WHERE arn = ?", arn) else { return nil }
        c.registeredContainerInstancesCount = 0
        c.runningTasksCount = 0
        c.pendingTasksCount = 0
        c.activeServicesCount = 0
        c.tags = try tags(arn)
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT body FROM containerInstance WHERE clusterArn = ? AND status != 'INACTIVE' ORDER BY arn"),
            arguments: [arn])
        let instances = try rows.map { row in
            var ci = try decode(ContainerInstance.self, row)
            ci.runningTasksCount = 0
            ci.pendingTasksCount = 0
            ci.tags = nil
            return ci
        }
        return ClusterSnapshot(cluster: c, containerInstances: instances)
    }

    /// `Lookup.taskDefinition`'s resolution: ARN or `family:revision` exactly, `family` as its
    /// newest ACTIVE revision; nil when there is none; an ECSError for a malformed reference.
    private func taskDefinition(_ ref: String) throws -> TaskDefinitionSnapshot? {
        let padded = ref.unicodeScalars.first.map(CharacterSet.whitespaces.contains) == true
            || ref.unicodeScalars.last.map(CharacterSet.whitespaces.contains) == true
        let trimmed = padded ? ref.trimmingCharacters(in: .whitespaces) : ref
        guard !trimmed.isEmpty else { throw ECSError.client("Task definition must be specified.") }
        let name = trimmed.hasPrefix("arn:") ? Self.lastComponent(trimmed) : trimmed
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        let found: TaskDefinition?
        if parts.count == 2 {
            guard let rev = Int(parts[1]) else { throw ECSError.client("Invalid revision number. Number: \(parts[1])") }
            found = try body(TaskDefinition.self, "SELECT body FROM taskDefinition WHERE arn = ?", ARN.taskDefinition(String(parts[0]), rev))
        } else if parts.count == 1 {
            found = try body(TaskDefinition.self,
                             "SELECT body FROM taskDefinition WHERE family = ? AND status = 'ACTIVE' ORDER BY revision DESC LIMIT 1", name)
        } else {
            found = nil
        }
        guard let td = found else { return nil }
        var secrets: [String: SecretMetadata] = [:]
        for c in td.containerDefinitions {
            for s in c.secrets ?? [] where secrets[s.valueFrom] == nil {
                if let m = try body(SecretMetadata.self, "SELECT body FROM secret WHERE name = ?", SecretStore.name(of: s.valueFrom)) {
                    secrets[s.valueFrom] = m
                }
            }
        }
        return TaskDefinitionSnapshot(taskDefinition: td, tags: try tags(td.taskDefinitionArn), secrets: secrets)
    }

    private func role(_ ref: String) throws -> RoleSnapshot? {
        let name = ref.hasPrefix("arn:") ? Self.lastComponent(ref) : ref
        guard let role = try body(Role.self, "SELECT body FROM role WHERE name = ?", name) else { return nil }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT policyName, document FROM rolePolicy WHERE roleName = ? ORDER BY policyName"),
            arguments: [name])
        return RoleSnapshot(role: role, policies: rows.map { RolePolicy(name: $0["policyName"], document: $0["document"]) })
    }

    // MARK: helpers

    private func tags(_ arn: String) throws -> [Tag] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM tag WHERE resourceArn = ? ORDER BY key"), arguments: [arn])
            .map { Tag(key: $0["key"], value: $0["value"]) }
    }

    private func body<T: FastBodyDecodable>(_ type: T.Type, _ sql: String, _ key: String) throws -> T? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key]) else { return nil }
        return try decode(type, row)
    }

    private func decode<T: FastBodyDecodable>(_ type: T.Type, _ row: Row) throws -> T {
        let data: Data = row["body"]
        return try T.decodeBody(data, fallback: decoder)
    }

    /// `ARN.lastComponent` for an ARN (the last non-empty `/` component), without splitting
    /// the whole string: it runs for every object of a batch.
    static func lastComponent(_ arn: String) -> String {
        var end = arn.endIndex
        while end > arn.startIndex, arn[arn.index(before: end)] == "/" { end = arn.index(before: end) }
        guard end > arn.startIndex else { return arn }
        let head = arn[..<end]
        let start = head.lastIndex(of: "/").map { arn.index(after: $0) } ?? arn.startIndex
        return String(arn[start..<end])
    }

    /// `arn:...:service/CLUSTER/NAME` or `CLUSTER/NAME` → (CLUSTER, NAME).
    static func serviceParts(_ ref: String) -> (String, String)? {
        let body = ref.hasPrefix("arn:") ? String(ref.split(separator: ":", maxSplits: 5).last ?? "") : ref
        let comps = body.split(separator: "/").map(String.init)
        let tail = comps.first == "service" ? Array(comps.dropFirst()) : comps
        guard tail.count == 2 else { return nil }
        return (tail[0], tail[1])
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
