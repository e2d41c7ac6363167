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
    private var key: RowFingerprint.Seed?
    private var ifNoneMatch: [BatchReadKey: String] = [:]

    init(_ db: Database) { self.db = db }

    mutating func run(_ r: BatchReadRequest) throws -> BatchReadResponse {
        key = r.fingerprintKey.map { RowFingerprint.Seed(key: SymmetricKey(data: $0)) }
        ifNoneMatch = key == nil ? [:] : r.ifNoneMatch
        var out = BatchReadResponse()
        try readClusters(r.clusters, into: &out)
        try readServices(r.services, into: &out)
        try readTaskDefinitions(r.taskDefinitions, into: &out)
        try readRoles(r.roles, into: &out)
        return out
    }

    // MARK: per kind

    // With a key, rows are hashed where SQLite holds them as they are stepped over. An object
    // some reference reads conditionally is only hashed at first ("deferred"); once its
    // fingerprint is known, only those that do not match are read again (same transaction)
    // and decoded. The others are decoded in place at once, as without a key.

    private func readClusters(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let arns = Self.unique(refs.map { ARN.cluster(ARN.clusterName($0)) })
        let conditional = Set(refs.filter { ifNoneMatch[BatchReadKey(.cluster, $0)] != nil }.map { ARN.cluster(ARN.clusterName($0)) })
        var prints: [String: RowFingerprint] = [:]
        var clusters = try bodies(Cluster.self, "SELECT arn AS k, body FROM cluster WHERE arn IN", arns,
                                  kind: .cluster, defer: conditional, prints: &prints)
        let found = Array(clusters.keys)
        let tags = try tags(found)
        if key != nil { for arn in found { prints[arn]?.add(tags[arn] ?? []) } }
        let instanceSQL = "SELECT clusterArn AS k, body FROM containerInstance WHERE status != 'INACTIVE' AND clusterArn IN"
        var instances: [String: [ContainerInstance]] = [:]
        try forEachRow(instanceSQL, found, order: "ORDER BY arn") { row in
            let k: String = row[0]
            if let p = try pending(ContainerInstance.self, row, defer: conditional.contains(k), print: &prints[k]) {
                instances[k, default: []].append(p)
            }
        }
        var fingerprints: [String: String] = [:]
        for arn in found { fingerprints[arn] = prints[arn]?.finish() }
        let late = Self.unique(refs.compactMap { ref in
            let arn = ARN.cluster(ARN.clusterName(ref))
            return clusters[arn] == .some(nil) && !matches(BatchReadKey(.cluster, ref), fingerprints[arn]) ? arn : nil
        })
        if !late.isEmpty {
            for (k, c) in try decoded(Cluster.self, "SELECT arn AS k, body FROM cluster WHERE arn IN", late) { clusters[k] = c }
            try forEachRow(instanceSQL, late, order: "ORDER BY arn") { row in
                instances[row[0], default: []].append(try decode(ContainerInstance.self, row))
            }
        }
        for ref in refs {
            let arn = ARN.cluster(ARN.clusterName(ref))
            guard let body = clusters[arn] else { continue }
            if answer(BatchReadKey(.cluster, ref), fingerprints[arn], into: &out) { continue }
            guard var c = body else { continue }
            c.registeredContainerInstancesCount = 0
            c.runningTasksCount = 0
            c.pendingTasksCount = 0
            c.activeServicesCount = 0
            c.tags = tags[arn] ?? []
            let members = (instances[arn] ?? []).map { ci -> ContainerInstance in
                var ci = ci
                ci.runningTasksCount = 0
                ci.pendingTasksCount = 0
                ci.tags = nil
                return ci
            }
            out.clusters[ref] = ClusterSnapshot(cluster: c, containerInstances: members)
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
            where (row[1] as String?) == "ACTIVE" { active.insert(row[0]) }
        let live = wanted.filter { active.contains($0.cluster) }
        let conditional = Set(live.filter { ifNoneMatch[BatchReadKey(.service, $0.ref)] != nil }.map(\.arn))
        var prints: [String: RowFingerprint] = [:]
        let sql = "SELECT arn AS k, body FROM service WHERE arn IN"
        var services = try bodies(Service.self, sql, Self.unique(live.map(\.arn)), kind: .service, defer: conditional, prints: &prints)
        // The service's ARN is its key (`arn` column), as in its body.
        let tags = try tags(Array(services.keys))
        var fingerprints: [String: String] = [:]
        if key != nil {
            for arn in services.keys {
                prints[arn]?.add("ACTIVE")  // its cluster's status: a service of another cluster is not found
                prints[arn]?.add(tags[arn] ?? [])
                fingerprints[arn] = prints[arn]?.finish()
            }
        }
        let late = Self.unique(live.compactMap { w in
            services[w.arn] == .some(nil) && !matches(BatchReadKey(.service, w.ref), fingerprints[w.arn]) ? w.arn : nil
        })
        for (k, v) in try decoded(Service.self, sql, late) { services[k] = v }
        for w in live {
            guard let body = services[w.arn] else { continue }
            if answer(BatchReadKey(.service, w.ref), fingerprints[w.arn], into: &out) { continue }
            guard var s = body else { continue }
            s.tags = tags[w.arn] ?? []
            out.services[w.ref] = s
        }
    }

    /// `Lookup.taskDefinition`'s resolution: ARN or `family:revision` exactly, `family` as its
    /// newest ACTIVE revision; nothing when there is none; an ECSError for a malformed reference.
    private func readTaskDefinitions(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        var byARN: [(ref: String, arn: String)] = []
        var found: [String: TaskDefinition?] = [:]  // by reference; nil: deferred
        var arnOf: [String: String] = [:]  // by reference
        var prints: [String: RowFingerprint] = [:]  // by reference
        var references: [String: [String]] = [:]  // by reference: secret `valueFrom`s in order
        for ref in refs {
            let trimmed = Self.isPadded(ref) ? ref.trimmingCharacters(in: .whitespaces) : ref
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
                    // Rare (state holds ARNs): decoded at once, which also tells its ARN.
                    var print = key.map { RowFingerprint(seed: $0, kind: .taskDefinition) }
                    let td = try pending(TaskDefinition.self, row, column: 0, defer: false, print: &print)
                    found[ref] = .some(td)
                    prints[ref] = print
                    arnOf[ref] = td?.taskDefinitionArn
                }
            }
        }
        let conditional = Set(byARN.filter { ifNoneMatch[BatchReadKey(.taskDefinition, $0.ref)] != nil }.map(\.arn))
        var exactPrints: [String: RowFingerprint] = [:]
        var scanned: [String: [String]] = [:]  // by ARN, for deferred bodies
        let sql = "SELECT arn AS k, body FROM taskDefinition WHERE arn IN"
        let exact = try bodies(TaskDefinition.self, sql, Self.unique(byARN.map(\.arn)), kind: .taskDefinition,
                               defer: conditional, prints: &exactPrints) { k, bytes in
            scanned[k] = try Self.secretReferences(in: bytes, decoder: decoder)
        }
        for w in byARN {
            guard let td = exact[w.arn] else { continue }
            found[w.ref] = .some(td)  // nil inside: deferred
            prints[w.ref] = exactPrints[w.arn]
            arnOf[w.ref] = w.arn
            if td == nil { references[w.ref] = scanned[w.arn] }
        }
        for (ref, td) in found {
            if let td { references[ref] = td.containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) } }
        }
        // Secret metadata is only hashed at first, and decoded for the revisions that are.
        var secretPrints: [String: RowFingerprint] = [:]
        let secretSQL = "SELECT name AS k, body FROM secret WHERE name IN"
        let names = Self.unique(references.values.flatMap { $0.map(SecretStore.name(of:)) })
        var secrets = try bodies(SecretMetadata.self, secretSQL, names, kind: .taskDefinition,
                                 defer: key == nil ? [] : Set(names), prints: &secretPrints)
        let tags = try tags(Self.unique(Array(arnOf.values)))
        var fingerprints: [String: String] = [:]
        for ref in found.keys {
            guard key != nil, var print = prints[ref] else { continue }
            print.add(tags[arnOf[ref] ?? ""] ?? [])
            for valueFrom in references[ref] ?? [] {
                print.add(valueFrom)
                print.add(secretPrints[SecretStore.name(of: valueFrom)])
            }
            fingerprints[ref] = print.finish()
        }
        let needed = found.keys.filter { !matches(BatchReadKey(.taskDefinition, $0), fingerprints[$0]) }
        let late = Self.unique(needed.compactMap { found[$0] == .some(nil) ? arnOf[$0] : nil })
        let lateBodies = try decoded(TaskDefinition.self, sql, late)
        let lateSecrets = Self.unique(needed.flatMap { (references[$0] ?? []).map(SecretStore.name(of:)) }.filter { secrets[$0] == .some(nil) })
        for (k, v) in try decoded(SecretMetadata.self, secretSQL, lateSecrets) { secrets[k] = v }
        for ref in found.keys {
            let key = BatchReadKey(.taskDefinition, ref)
            if matches(key, fingerprints[ref]) {
                _ = answer(key, fingerprints[ref], into: &out)
                continue
            }
            let early = found[ref].flatMap { $0 }
            guard let td = early ?? arnOf[ref].flatMap({ lateBodies[$0] }) else { continue }
            // A late body's fingerprint took its secrets from the scan: it is only handed out
            // when the decoded revision names the same ones (else the next read is in full).
            if early != nil || td.containerDefinitions.flatMap({ ($0.secrets ?? []).map(\.valueFrom) }) == references[ref] {
                _ = answer(key, fingerprints[ref], into: &out)
            }
            var metadata: [String: SecretMetadata] = [:]
            for c in td.containerDefinitions {
                for s in c.secrets ?? [] {
                    if let m = secrets[SecretStore.name(of: s.valueFrom)] { metadata[s.valueFrom] = m }
                }
            }
            out.taskDefinitions[ref] = TaskDefinitionSnapshot(taskDefinition: td, tags: tags[td.taskDefinitionArn] ?? [], secrets: metadata)
        }
    }

    private func readRoles(_ refs: [String], into out: inout BatchReadResponse) throws {
        guard !refs.isEmpty else { return }
        let names = Self.unique(refs.map(ARN.lastComponent))
        let conditional = Set(refs.filter { ifNoneMatch[BatchReadKey(.role, $0)] != nil }.map(ARN.lastComponent))
        var prints: [String: RowFingerprint] = [:]
        let sql = "SELECT name AS k, body FROM role WHERE name IN"
        var roles = try bodies(Role.self, sql, names, kind: .role, defer: conditional, prints: &prints)
        let policySQL = "SELECT roleName AS k, policyName, document FROM rolePolicy WHERE roleName IN"
        var policies: [String: [RolePolicy]] = [:]
        try forEachRow(policySQL, Array(roles.keys), order: "ORDER BY roleName, policyName") { row in
            let k: String = row[0]
            if key != nil {
                try row.withUnsafeData(atIndex: 1) { prints[k]?.add($0 ?? Data()) }
                try row.withUnsafeData(atIndex: 2) { prints[k]?.add($0 ?? Data()) }
            }
            if !conditional.contains(k) {
                policies[k, default: []].append(RolePolicy(name: row[1], document: row[2]))
            }
        }
        var fingerprints: [String: String] = [:]
        for name in roles.keys { fingerprints[name] = prints[name]?.finish() }
        let late = Self.unique(refs.compactMap { ref in
            let name = ARN.lastComponent(ref)
            return roles[name] == .some(nil) && !matches(BatchReadKey(.role, ref), fingerprints[name]) ? name : nil
        })
        if !late.isEmpty {
            for (k, v) in try decoded(Role.self, sql, late) { roles[k] = v }
            try forEachRow(policySQL, late, order: "ORDER BY roleName, policyName") { row in
                policies[row[0], default: []].append(RolePolicy(name: row[1], document: row[2]))
            }
        }
        for ref in refs {
            let name = ARN.lastComponent(ref)
            guard let body = roles[name] else { continue }
            if answer(BatchReadKey(.role, ref), fingerprints[name], into: &out) { continue }
            guard let role = body else { continue }
            out.roles[ref] = RoleSnapshot(role: role, policies: policies[name] ?? [])
        }
    }

    // MARK: fingerprints

    /// Every `"valueFrom":"TEXT"` in the bytes, in order, found by a byte search; nil (use a
    /// parser) when `valueFrom` appears in any other form or a value holds an escape. Inside a
    /// JSON string a quote is escaped, so the quoted pattern only matches a key.
    static func scanValueFroms(_ data: Data) -> [String]? {
        data.withUnsafeBytes { raw -> [String]? in
            let b = raw.bindMemory(to: UInt8.self)
            let needle = Array("valueFrom".utf8)
            let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":"), backslash = UInt8(ascii: "\\")
            var refs: [String] = []
            var i = 0
            let n = b.count
            while i + needle.count <= n {
                guard b[i] == needle[0] else { i += 1; continue }
                var k = 1
                while k < needle.count, b[i + k] == needle[k] { k += 1 }
                guard k == needle.count else { i += 1; continue }
                let end = i + needle.count
                guard i > 0, b[i - 1] == quote, end + 2 < n, b[end] == quote, b[end + 1] == colon, b[end + 2] == quote else { return nil }
                var j = end + 3
                let start = j
                while j < n, b[j] != quote {
                    if b[j] == backslash { return nil }
                    j += 1
                }
                guard j < n else { return nil }
                refs.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self))
                i = j + 1
            }
            return refs
        }
    }

    /// The row's `body` (column 1, after the key), hashed into `print` (when there is one), then decoded in place, or
    /// not (nil) when deferred.
    private func pending<T: FastBodyDecodable>(_ type: T.Type, _ row: Row, column: Int = 1, defer deferred: Bool,
                                               print: inout RowFingerprint?) throws -> T? {
        try row.withUnsafeData(atIndex: column) { data in
            let bytes = data ?? Data()
            print?.add(bytes)
            return deferred ? nil : try T.decodeBody(bytes, fallback: decoder)
        }
    }

    /// True when `fingerprint` is what the request gave for `key`.
    private func matches(_ key: BatchReadKey, _ fingerprint: String?) -> Bool {
        fingerprint != nil && ifNoneMatch[key] == fingerprint
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

    /// The `valueFrom` of every container secret of a task definition body, in order, read
    /// with `JSONCursor` (skipping everything else); a body it cannot scan is decoded.
    static func secretReferences(in data: Data, decoder: JSONDecoder) throws -> [String] {
        if let refs = scanValueFroms(data) { return refs }
        if let refs = try? JSONCursor.read(data, { c -> [String] in
            var refs: [String] = []
            try c.object { c, k in
                guard k == "containerDefinitions" else { return try c.skip() }
                try c.array { c in
                    try c.object { c, k in
                        guard k == "secrets" else { return try c.skip() }
                        if try c.null() { return }
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
        return try TaskDefinition.decodeBody(data, fallback: decoder).containerDefinitions.flatMap { ($0.secrets ?? []).map(\.valueFrom) }
    }

    // MARK: helpers

    /// Each resource's tags, ordered by key.
    private func tags(_ arns: [String]) throws -> [String: [Tag]] {
        var out: [String: [Tag]] = [:]
        out.reserveCapacity(arns.count)
        try forEachRow("SELECT resourceArn AS k, key, value FROM tag WHERE resourceArn IN", arns, order: "ORDER BY resourceArn, key") { row in
            out[row[0], default: []].append(Tag(key: row[1], value: row[2]))
        }
        return out
    }

    /// Bodies by the `k` column (`sql` ends with `IN`): nil (deferred) for keys in `defer`,
    /// decoded for the others; with a key, each also starts its fingerprint of `kind` in
    /// `prints`. `inspect` sees each deferred body's bytes (valid only during the call).
    private func bodies<T: FastBodyDecodable>(_ type: T.Type, _ sql: String, _ keys: [String], kind: BatchReadKey.Kind,
                                              defer deferred: Set<String>, prints: inout [String: RowFingerprint],
                                              inspect: ((String, Data) throws -> Void)? = nil) throws -> [String: T?] {
        var out: [String: T?] = [:]
        out.reserveCapacity(keys.count)
        let key = self.key
        try forEachRow(sql, keys) { row in
            let k: String = row[0]
            var print = key.map { RowFingerprint(seed: $0, kind: kind) }
            let later = deferred.contains(k)
            if later, let inspect { try row.withUnsafeData(atIndex: 1) { try inspect(k, $0 ?? Data()) } }
            out[k] = .some(try pending(type, row, defer: later, print: &print))
            if let print { prints[k] = print }
        }
        return out
    }

    /// Decoded bodies by the `k` column; `sql` ends with `IN`.
    private func decoded<T: FastBodyDecodable>(_ type: T.Type, _ sql: String, _ keys: [String]) throws -> [String: T] {
        var out: [String: T] = [:]
        guard !keys.isEmpty else { return out }
        out.reserveCapacity(keys.count)
        try forEachRow(sql, keys) { row in out[row[0]] = try decode(type, row) }
        return out
    }

    /// The row's `body` (column 1, after the key), read where SQLite holds it (no copy); a
    /// NULL body fails to decode.
    private func decode<T: FastBodyDecodable>(_ type: T.Type, _ row: Row) throws -> T {
        try row.withUnsafeData(atIndex: 1) { data in try T.decodeBody(data ?? Data(), fallback: decoder) }
    }

    /// `rows` (the key first, as `k`, then the columns each caller reads by index), handing each row to `body` as SQLite steps to it instead of copying them all
    /// out first (a row is only valid inside `body`; bodies are decoded in place).
    private func forEachRow(_ sql: String, _ keys: [String], order: String = "", _ body: (Row) throws -> Void) throws {
        for start in stride(from: 0, to: keys.count, by: Self.inLimit) {
            let part = Array(keys[start..<min(keys.count, start + Self.inLimit)])
            let marks = Self.marks(part.count)
            // Cached: batches mostly have the same sizes, so their statements are prepared once.
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: "\(sql) (\(marks)) \(order)"), arguments: StatementArguments(part))
            while let row = try cursor.next() { try body(row) }
        }
    }

    /// `sql` (ending with `IN`) over `keys`, in lists of at most `inLimit`, then `order`.
    private func rows(_ sql: String, _ keys: [String], order: String = "") throws -> [Row] {
        var out: [Row] = []
        for start in stride(from: 0, to: keys.count, by: Self.inLimit) {
            let part = Array(keys[start..<min(keys.count, start + Self.inLimit)])
            let marks = Self.marks(part.count)
            out += try Row.fetchAll(db.cachedStatement(sql: "\(sql) (\(marks)) \(order)"), arguments: StatementArguments(part))
        }
        return out
    }


    /// True when `ref` starts or ends with what `CharacterSet.whitespaces` holds; ASCII ends
    /// (space and tab are its only ASCII members) are checked without it.
    static func isPadded(_ ref: String) -> Bool {
        guard let first = ref.utf8.first, let last = ref.utf8.last else { return false }
        if first < 0x80, last < 0x80 { return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 }
        return ref.unicodeScalars.first.map(CharacterSet.whitespaces.contains) == true
            || ref.unicodeScalars.last.map(CharacterSet.whitespaces.contains) == true
    }

    /// `?,?,...,?`: `count` (at least one) parameter marks for an `IN` list.
    static func marks(_ count: Int) -> String {
        var marks = String(repeating: "?,", count: count)
        marks.removeLast()
        return marks
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

/// A keyed fingerprint of one object's stored rows: SHA-256 of a block derived from the key,
/// then the object's kind and each piece, every piece framed by a tag and its length (so no
/// two different sequences of pieces hash alike), shown as the first 128 bits in hex. The
/// key block is hashed once per batch (`RowFingerprint.Seed`) and its state copied into every
/// object's; the truncation keeps the digest's state secret, so a fingerprint cannot be
/// extended into another's.
struct RowFingerprint {
    /// SHA-256 after the key block.
    struct Seed {
        fileprivate let hash: SHA256
        init(key: SymmetricKey) {
            var block = [UInt8](repeating: 0x36, count: 64)
            key.withUnsafeBytes { k in
                let digest = SHA256.hash(data: k)
                digest.withUnsafeBytes { d in for (i, b) in d.enumerated() { block[i] ^= b } }
            }
            var hash = SHA256()
            block.withUnsafeBytes { hash.update(bufferPointer: $0) }
            self.hash = hash
        }
    }

    private var hash: SHA256

    init(seed: Seed, kind: BatchReadKey.Kind) {
        hash = seed.hash
        frame(tag: kind.rawValue, count: 0)
    }

    mutating func add(_ bytes: Data) {
        frame(tag: 1, count: bytes.count)
        bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        frame(tag: 1, count: bytes.count)
        hash.update(bufferPointer: bytes)
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
        hash.finalize().withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 32) { out in
                for (i, b) in bytes.prefix(16).enumerated() {
                    out[2 * i] = Self.hex[Int(b >> 4)]
                    out[2 * i + 1] = Self.hex[Int(b & 15)]
                }
                return 32
            }
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
