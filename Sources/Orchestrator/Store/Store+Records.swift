import Foundation
import GRDB

// Record conformances: each model is stored as its ECS JSON in `body`, with the columns
// that queries filter on beside it. Reading decodes the body, so the JSON stays the truth.

enum BodyCoding {
    static func encode<T: Encodable>(_ v: T) throws -> Data { try ECSJSON.encoder().encode(v) }
    static func decode<T: Decodable>(_ t: T.Type, _ row: Row) throws -> T {
        let data: Data = row["body"]
        return try ECSJSON.decoder().decode(t, from: data)
    }
}

extension Cluster: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "cluster"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["arn"] = clusterArn; c["name"] = clusterName; c["status"] = status
        c["body"] = try BodyCoding.encode(self)
    }
}

extension ContainerInstance: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "containerInstance"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["arn"] = containerInstanceArn
        c["clusterArn"] = ARN.cluster(ARN.clusterOf(containerInstanceArn))
        c["status"] = status
        c["body"] = try BodyCoding.encode(self)
    }
}

extension TaskDefinition: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "taskDefinition"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["arn"] = taskDefinitionArn; c["family"] = family; c["revision"] = revision; c["status"] = status
        c["body"] = try BodyJSONWriter.encode(self)
    }
}

extension Service: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "service"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["arn"] = serviceArn; c["clusterArn"] = clusterArn; c["name"] = serviceName; c["status"] = status
        c["body"] = try BodyCoding.encode(self)
    }
}

extension ECSTask: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["arn"] = taskArn; c["clusterArn"] = clusterArn
        c["serviceArn"] = serviceArn
        c["containerInstanceArn"] = containerInstanceArn
        c["lastStatus"] = lastStatus; c["desiredStatus"] = desiredStatus
        c["family"] = ARN.familyOf(taskDefinitionArn)
        c["startedBy"] = startedBy
        c["taskGroup"] = group
        c["body"] = try BodyCoding.encode(self)
    }

    /// The service that owns this task, from its `service:NAME` group.
    var serviceArn: String? {
        guard let group, group.hasPrefix("service:") else { return nil }
        return ARN.service(cluster: ARN.lastComponent(clusterArn), name: String(group.dropFirst("service:".count)))
    }
}

extension Role: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "role"
    public init(row: Row) throws { self = try BodyCoding.decode(Self.self, row) }
    public func encode(to c: inout PersistenceContainer) throws {
        c["name"] = RoleName
        c["body"] = try BodyJSONWriter.encode(self)
    }
}

extension ARN {
    /// The cluster name inside a service, task or container-instance ARN.
    static func clusterOf(_ arn: String) -> String {
        let parts = arn.split(separator: "/")
        return parts.count >= 3 ? String(parts[parts.count - 2]) : "default"
    }
    /// The family of a task definition ARN or `family:revision`.
    static func familyOf(_ td: String) -> String {
        let last = td.hasPrefix("arn:") ? lastComponent(td) : td
        return last.split(separator: ":").first.map(String.init) ?? last
    }
}

// Inserts through cached statements, for the creates that run once per resource of a stack:
// GRDB's record `insert` builds its SQL, a persistence container and a DAO on each call.
// Each writes exactly the columns of the record's `encode(to:)` above.

extension Role {
    func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO role (name, body) VALUES (?, ?)")
            .execute(arguments: [RoleName, try BodyJSONWriter.encode(self)])
    }
}

extension TaskDefinition {
    func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO taskDefinition (arn, family, revision, status, body) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [taskDefinitionArn, family, revision, status, try BodyJSONWriter.encode(self)])
    }
}

extension ContainerInstance {
    func insertCached(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO containerInstance (arn, clusterArn, status, body) VALUES (?, ?, ?, ?)")
            .execute(arguments: [containerInstanceArn, ARN.cluster(ARN.clusterOf(containerInstanceArn)), status, try BodyCoding.encode(self)])
    }
}
