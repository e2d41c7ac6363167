import Foundation
import GRDB

extension Orchestrator {
    /// Adds or overwrites tags on an ECS resource.
    public func tagResource(_ r: TagResourceRequest) async throws -> TagResourceResponse {
        try Validate.tags(r.tags)
        guard !r.tags.isEmpty else { throw ECSError.invalidParameter("Tags cannot be empty.") }
        return try await mutate("TagResource", r) { db, _ in
            try Self.requireTaggable(db, r.resourceArn)
            let existing = Set(try Lookup.tags(db, r.resourceArn).map(\.key))
            if existing.union(r.tags.map(\.key)).count > 50 { throw ECSError.invalidParameter("A resource can have at most 50 tags.") }
            try Lookup.putTags(db, r.resourceArn, r.tags)
            return (TagResourceResponse(), r.resourceArn)
        }
    }

    /// Removes tags from an ECS resource.
    public func untagResource(_ r: UntagResourceRequest) async throws -> UntagResourceResponse {
        guard !r.tagKeys.isEmpty else { throw ECSError.invalidParameter("tagKeys cannot be empty.") }
        return try await mutate("UntagResource", r) { db, _ in
            try Self.requireTaggable(db, r.resourceArn)
            for k in r.tagKeys {
                try db.execute(sql: "DELETE FROM tag WHERE resourceArn = ? AND key = ?", arguments: [r.resourceArn, k])
            }
            return (UntagResourceResponse(), r.resourceArn)
        }
    }

    /// An ECS resource's tags.
    public func listTagsForResource(_ r: ListTagsForResourceRequest) async throws -> ListTagsForResourceResponse {
        try await read { db in
            try Self.requireTaggable(db, r.resourceArn)
            return ListTagsForResourceResponse(tags: try Lookup.tags(db, r.resourceArn))
        }
    }

    /// Tags apply to clusters, services, tasks, task definitions and container instances that exist.
    static func requireTaggable(_ db: Database, _ arn: String) throws {
        let table: String
        switch ARN.ecsResourceType(arn) {
        case "cluster": table = "cluster"
        case "service": table = "service"
        case "task": table = "task"
        case "task-definition": table = "taskDefinition"
        case "container-instance": table = "containerInstance"
        default: throw ECSError.invalidParameter("The ARN '\(arn)' is not a taggable ECS resource ARN.")
        }
        let found = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE arn = ? AND status != 'INACTIVE' OR (arn = ? AND ? = 'taskDefinition'))", arguments: [arn, arn, table]) ?? false
        if !found && table != "task" { throw ECSError.resourceNotFound("The specified resource could not be found.") }
        if table == "task", try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM task WHERE arn = ?)", arguments: [arn]) != true {
            throw ECSError.resourceNotFound("The specified resource could not be found.")
        }
    }
}
