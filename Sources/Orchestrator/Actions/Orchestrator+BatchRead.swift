import Crypto
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

    /// With a key, the answer carries a keyed fingerprint of each object found (see
    /// `BatchReadResponse.fingerprints`); nil: none are made.
    public var fingerprintKey: Data?
    /// Conditional reads (HTTP's If-None-Match): an object whose fingerprint equals the one
    /// given for its reference is listed in `BatchReadResponse.unchanged` instead of being
    /// decoded. Only used with `fingerprintKey`.
    public var ifNoneMatch: [BatchReadKey: String]

    public init(clusters: [String] = [], services: [String] = [], taskDefinitions: [String] = [], roles: [String] = [],
                fingerprintKey: Data? = nil, ifNoneMatch: [BatchReadKey: String] = [:]) {
        self.clusters = clusters
        self.services = services
        self.taskDefinitions = taskDefinitions
        self.roles = roles
        self.fingerprintKey = fingerprintKey
        self.ifNoneMatch = ifNoneMatch
    }

    public var isEmpty: Bool { clusters.isEmpty && services.isEmpty && taskDefinitions.isEmpty && roles.isEmpty }
}

/// One reference of a `batchRead`, with the kind of object it names.
public struct BatchReadKey: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable { case cluster = 1, service, taskDefinition, role }
    public var kind: Kind
    public var reference: String
    public init(_ kind: Kind, _ reference: String) {
        self.kind = kind
        self.reference = reference
    }
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
    /// With `fingerprintKey`: per reference found, an HMAC-SHA256 (under that key, 128 bits,
    /// hex) of every stored row its snapshot is made from — the object's body, its tags, a
    /// cluster's container instances, a role's policies, a task definition's referenced
    /// secrets' metadata, a service's cluster status — so any change to what a snapshot
    /// shows changes it (and most changes it does not show, such as a service's counts, too).
    public var fingerprints: [BatchReadKey: String] = [:]
    /// References whose fingerprint matched `ifNoneMatch`: found, unchanged, not decoded (no
    /// snapshot).
    public var unchanged: Set<BatchReadKey> = []
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
        return try await read { db in
            var reader = BatchReader(db)
            return try reader.run(r)
        }
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
    /// Set by `run` from the request: fingerprints are made only with a key.
    private var key: SymmetricKey?
    private var ifNoneMatch: [BatchReadKey: String] = [:]

    init(_ db: Database) { self.db = db }

    mutating func run(_ r: BatchReadRequest) throws -> BatchReadResponse {
        key = r.fingerprintKey.map { SymmetricKey(data: $0) }
        ifNoneMatch = key == nil ? [:] : r.ifNoneMatch
        var out = BatchReadResponse()
        try readClusters(r.clusters, into: &out)
        try readServices(r.services, into: &out)
        try readTaskDefinitions(r.taskDefinitions, into: &out)
        try readRoles(r.roles, into: &out)
        return out
    }

    // MARK: per kind

    /// Rows are hashed (with a key) as they are stepped over; an object some reference reads
    /// conditionally keeps its bytes until its fingerprint is known, and is decoded only if
    /// that does not match; the others are decoded in place at once.
    private func readClusters(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let arns = Self.unique(refs.map { ARN.cluster(ARN.clusterName($0)) })
        let conditional = Set(refs.filter { ifNoneMatch[BatchReadKey(.cluster, $0)] != nil }.map { ARN.cluster(ARN.clusterName($0)) })
        var prints: [String: RowFingerprint] = [:]
        let clusters = try bodies(Cluster.self, "SELECT arn AS k, body FROM cluster WHERE arn IN", arns,
                                  kind: .cluster, keep: conditional, prints: &prints)
        let found = Array(clusters.keys)
        let tags = try tags(found)
        if key != nil { for arn in found { prints[arn]?.add(tags[arn] ?? []) } }
        var instances: [String: [Pending<ContainerInstance>]] = [:]
        try forEachRow("SELECT clusterArn AS k, body FROM containerInstance WHERE status != 'INACTIVE' AND clusterArn IN", found,
                       order: "ORDER BY arn") { row in
            let k: String = row["k"]
            instances[k, default: []].append(try pending(ContainerInstance.self, row, keep: conditional.contains(k), print: &prints[k]))
        }
        var done: [String: ClusterSnapshot] = [:]
        for ref in refs {
            let arn = ARN.cluster(ARN.clusterName(ref))
            guard let body = clusters[arn] else { continue }
            let fingerprint = prints[arn]?.finish()
            if answer(BatchReadKey(.cluster, ref), fingerprint, into: &out) { continue }
            if let snapshot = done[arn] { out.clusters[ref] = snapshot; continue }
            var c = try value(body)
            c.registeredContainerInstancesCount = 0
            c.runningTasksCount = 0
            c.pendingTasksCount = 0
            c.activeServicesCount = 0
            c.tags = tags[arn] ?? []
            let members = try (instances[arn] ?? []).map { p -> ContainerInstance in
                var ci = try value(p)
                ci.runningTasksCount = 0
                ci.pendingTasksCount = 0
                ci.tags = nil
                return ci
            }
            let snapshot = ClusterSnapshot(cluster: c, containerInstances: members)
            done[arn] = snapshot
            out.clusters[ref] = snapshot
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
        let conditional = Set(live.filter { ifNoneMatch[BatchReadKey(.service, $0.ref)] != nil }.map(\.arn))
        var prints: [String: RowFingerprint] = [:]
        let services = try bodies(Service.self, "SELECT arn AS k, body FROM service WHERE arn IN", Self.unique(live.map(\.arn)),
                                  kind: .service, keep: conditional, prints: &prints)
        // The service's ARN is its key (`arn` column), as in its body.
        let tags = try tags(Array(services.keys))
        if key != nil {
            for arn in services.keys {
                prints[arn]?.add("ACTIVE")  // its cluster's status: a service of another cluster is not found
                prints[arn]?.add(tags[arn] ?? [])
            }
        }
        var done: [String: Service] = [:]
        for w in live {
            guard let body = services[w.arn] else { continue }
            if answer(BatchReadKey(.service, w.ref), prints[w.arn]?.finish(), into: &out) { continue }
            if let s = done[w.arn] { out.services[w.ref] = s; continue }
            var s = try value(body)
            s.tags = tags[s.serviceArn] ?? []
            done[w.arn] = s
            out.services[w.ref] = s
        }
    }

    /// `Lookup.taskDefinition`'s resolution: ARN or `family:revision` exactly, `family` as its
    /// newest ACTIVE revision; nothing when there is none; an ECSError for a malformed reference.
    private func readTaskDefinitions(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        var byARN: [(ref: String, arn: String)] = []
        var found: [String: Pending<TaskDefinition>] = [:]  // by reference
        var prints: [String: RowFingerprint] = [:]  // by reference
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
                if let row {
                    prints[ref] = key.map { RowFingerprint(key: $0, kind: .taskDefinition) }
                    found[ref] = try pending(TaskDefinition.self, row, keep: ifNoneMatch[BatchReadKey(.taskDefinition, ref)] != nil,
                                             print: &prints[ref])
                }
            }
        }
        let conditional = Set(byARN.filter { ifNoneMatch[BatchReadKey(.taskDefinition, $0.ref)] != nil }.map(\.arn))
        var exactPrints: [String: RowFingerprint] = [:]
        let exact = try bodies(TaskDefinition.self, "SELECT arn AS k, body FROM taskDefinition WHERE arn IN", Self.unique(byARN.map(\.arn)),
                               kind: .taskDefinition, keep: conditional, prints: &exactPrints)
        for w in byARN {
            if let td = exact[w.arn] {
                found[w.ref] = td
                prints[w.ref] = exactPrints[w.arn]
            }
        }
        // The secrets each revision references (by `valueFrom`, in container order), read from
        // the body without decoding it when it was kept.
        var references: [String: [String]] = [:]
        for (ref, td) in found { references[ref] = try secretReferences(td) }
        var secretPrints: [String: RowFingerprint] = [:]
        let names = Self.unique(references.values.flatMap { $0.map(SecretStore.name(of:)) })
        // With fingerprints, a secret's metadata is decoded only for a revision that is.
        let secrets = try bodies(SecretMetadata.self, "SELECT name AS k, body FROM secret WHERE name IN", names,
                                 kind: .taskDefinition, keep: key == nil ? [] : Set(names), prints: &secretPrints)
        let arnOf: [String: String] = found.compactMapValues { p in
            if case .decoded(let td) = p { return td.taskDefinitionArn }
            return nil
        }
        // A kept body's ARN: its reference's exact ARN, or (by family) read from the body.
        var tagArns: [String: String] = arnOf
        for w in byARN where tagArns[w.ref] == nil && found[w.ref] != nil { tagArns[w.ref] = w.arn }
        for (ref, p) in found where tagArns[ref] == nil { tagArns[ref] = try value(p).taskDefinitionArn }
        let tags = try tags(Self.unique(Array(tagArns.values)))
        for (ref, p) in found {
            let arn = tagArns[ref] ?? ""
            var fingerprint: String?
            if key != nil, var print = prints[ref] {
                print.add(tags[arn] ?? [])
                for valueFrom in references[ref] ?? [] {
                    print.add(valueFrom)
                    print.add(secretPrints[SecretStore.name(of: valueFrom)])
                }
                fingerprint = print.finish()
            }
            if answer(BatchReadKey(.taskDefinition, ref), fingerprint, into: &out) { continue }
            let td = try value(p)
            var metadata: [String: SecretMetadata] = [:]
            for c in td.containerDefinitions {
                for s in c.secrets ?? [] { metadata[s.valueFrom] = try secrets[SecretStore.name(of: s.valueFrom)].map(value) }
            }
            out.taskDefinitions[ref] = TaskDefinitionSnapshot(taskDefinition: td, tags: tags[td.taskDefinitionArn] ?? [], secrets: metadata)
        }
    }

    private func readRoles(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let names = Self.unique(refs.map(ARN.lastComponent))
        let conditional = Set(refs.filter { ifNoneMatch[BatchReadKey(.role, $0)] != nil }.map(ARN.lastComponent))
        var prints: [String: RowFingerprint] = [:]
        let roles = try bodies(Role.self, "SELECT name AS k, body FROM role WHERE name IN", names,
                               kind: .role, keep: conditional, prints: &prints)
        var policies: [String: [RolePolicy]] = [:]
        try forEachRow("SELECT roleName AS k, policyName, document FROM rolePolicy WHERE roleName IN", Array(roles.keys),
                       order: "ORDER BY roleName, policyName") { row in
            let policy = RolePolicy(name: row["policyName"], document: row["document"])
            let k: String = row["k"]
            if key != nil {
                prints[k]?.add(policy.name)
                prints[k]?.add(policy.document)
            }
            policies[k, default: []].append(policy)
        }
        for ref in refs {
            let name = ARN.lastComponent(ref)
            guard let body = roles[name] else { continue }
            if answer(BatchReadKey(.role, ref), prints[name]?.finish(), into: &out) { continue }
            out.roles[ref] = RoleSnapshot(role: try value(body), policies: policies[name] ?? [])
        }
    }

    // MARK: fingerprints

    /// A body decoded at once, or its bytes kept until its fingerprint says whether it is needed.
    enum Pending<T: FastBodyDecodable> {
        case decoded(T)
        case kept(Data)
    }

    private func value<T>(_ p: Pending<T>) throws -> T {
        switch p {
        case .decoded(let v): return v
        case .kept(let data): return try T.decodeBody(data, fallback: decoder)
        }
    }

    /// The row's `body`: hashed into `print` (when there is one), then kept or decoded in place.
    private func pending<T: FastBodyDecodable>(_ type: T.Type, _ row: Row, keep: Bool, print: inout RowFingerprint?) throws -> Pending<T> {
        try row.withUnsafeData(named: "body") { data in
            let bytes = data ?? Data()
            print?.add(bytes)
            return keep ? .kept(Data(bytes)) : .decoded(try T.decodeBody(bytes, fallback: decoder))
        }
    }

    /// Records `fingerprint` for `key` and answers true when it matches the request's
    /// `ifNoneMatch` (the object is then listed as unchanged and not decoded).
    private func answer(_ key: BatchReadKey, _ fingerprint: String?, into out: inout BatchReadResponse) -> Bool {
        guard let fingerprint else { return false }
        out.fingerprints[key] = fingerprint
        guard ifNoneMatch[key] == fingerprint else { return false }
        out.unchanged.insert(key)
        return true
    }

    /// The `valueFrom` of every container secret, in order. A kept body is scanned for them
    /// with `JSONCursor` (skipping everything else); one it cannot scan is decoded.
    private func secretReferences(_ p: Pending<TaskDefinition>) throws -> [String] {
        switch p {
        case .decoded(let td):
            return td.containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) }
        case .kept(let data):
            if let refs = try? JSONCursor.read(data, { c -> [String] in
                var refs: [String] = []
                try c.object { c, k in
                    guard k == "containerDefinitions" else { return try c.skip() }
                    try c.array { c in
                        try c.object { c, k in
                            guard k == "secrets", !(try c.null()) else { return k == "secrets" ? () : try c.skip() }
                            try c.array { c in
                                var valueFrom: String?
                                try c.object { c, k in
                                    if k == "valueFrom" { valueFrom = try c.string() } else { try c.skip() }
                                }
                                guard let valueFrom else { throw JSONCursor.Mismatch() }
                                refs.append(valueFrom)
                            }
                        }
                    }
                }
                return refs
            }) {
                return refs
            }
            return try value(p).containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) }
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

    /// Bodies by the `k` column (`sql` ends with `IN`): kept for keys in `keep`, decoded for
    /// the others; with a key, each also starts its fingerprint of `kind` in `prints`.
    private func bodies<T: FastBodyDecodable>(_ type: T.Type, _ sql: String, _ keys: [String], kind: BatchReadKey.Kind,
                                              keep: Set<String>, prints: inout [String: RowFingerprint]) throws -> [String: Pending<T>] {
        var out: [String: Pending<T>] = [:]
        out.reserveCapacity(keys.count)
        let key = self.key
        try forEachRow(sql, keys) { row in
            let k: String = row["k"]
            var print = key.map { RowFingerprint(key: $0, kind: kind) }
            out[k] = try pending(type, row, keep: keep.contains(k), print: &print)
            if let print { prints[k] = print }
        }
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

/// A keyed fingerprint of one object's stored rows: SHA-256 over its kind and each piece,
/// every piece framed by a tag and its length (so no two different sequences of pieces hash
/// alike), then HMAC-SHA256 of that digest under the key, shown as its first 128 bits in hex.
/// (One HMAC per object, and the pieces hashed straight from SQLite's buffers.)
struct RowFingerprint {
    private var hash = SHA256()
    private let key: SymmetricKey

    init(key: SymmetricKey, kind: BatchReadKey.Kind) {
        self.key = key
        frame(tag: kind.rawValue, count: 0)
    }

    mutating func add(_ bytes: Data) {
        frame(tag: 1, count: bytes.count)
        bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            frame(tag: 2, count: utf8.count)
            hash.update(bufferPointer: UnsafeRawBufferPointer(utf8))
        }
    }

    /// A tag list, in its order; a nil value differs from an empty one.
    mutating func add(_ tags: [Tag]) {
        frame(tag: 3, count: tags.count)
        for t in tags {
            add(t.key)
            if let v = t.value { add(v) } else { frame(tag: 4, count: 0) }
        }
    }

    /// Another fingerprint's pieces (a referenced row), or a marker for a missing one.
    mutating func add(_ other: RowFingerprint?) {
        guard let other else { return frame(tag: 5, count: 0) }
        frame(tag: 6, count: 32)
        other.hash.finalize().withUnsafeBytes { hash.update(bufferPointer: $0) }
    }

    private mutating func frame(tag: UInt8, count: Int) {
        var header = (UInt64(count) << 8 | UInt64(tag)).littleEndian
        withUnsafeBytes(of: &header) { hash.update(bufferPointer: $0) }
    }

    func finish() -> String {
        let digest = hash.finalize()
        let mac = digest.withUnsafeBytes { HMAC<SHA256>.authenticationCode(for: $0, using: key) }
        var out = ""
        out.reserveCapacity(32)
        mac.withUnsafeBytes { bytes in
            for b in bytes.prefix(16) {
                out.append(Self.hex[Int(b >> 4)])
                out.append(Self.hex[Int(b & 15)])
            }
        }
        return out
    }

    private static let hex = Array("0123456789abcdef")
}
