import Foundation
import GRDB

extension Orchestrator {
    static var roleNamePattern: Regex<Substring> { #/^[\w+=,.@-]{1,64}$/# }

    /// IAM `CreateRole` for task roles.
    public func createRole(_ r: CreateRoleRequest) async throws -> CreateRoleResponse {
        guard r.RoleName.wholeMatch(of: Self.roleNamePattern) != nil else {
            throw ECSError.validation("RoleName must be 1-64 characters of letters, digits and +=,.@_-.")
        }
        let maxSession = r.MaxSessionDuration ?? 3600
        guard (900...43200).contains(maxSession) else {
            throw ECSError.validation("MaxSessionDuration must be between 900 and 43200 seconds (the stack format allows max_session_seconds from 900).")
        }
        if let doc = r.AssumeRolePolicyDocument { try Self.checkPolicy(doc) }
        let path = r.Path ?? "/"
        guard path.hasPrefix("/"), path.hasSuffix("/") else { throw ECSError.validation("Path must begin and end with '/'.") }
        return try await mutate("CreateRole", r) { db, now in
            if try Role.fetchOne(db, key: r.RoleName) != nil {
                throw ECSError.entityAlreadyExists("Role with name \(r.RoleName) already exists.")
            }
            let role = Role(Path: path, RoleName: r.RoleName, RoleId: "AROA" + IDs.alnum(17), Arn: ARN.role(r.RoleName, path: path),
                            CreateDate: now, AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, Description: r.Description,
                            MaxSessionDuration: maxSession, Tags: r.Tags)
            try role.insert(db)
            return (CreateRoleResponse(Role: role), role.Arn)
        }
    }

    /// IAM `GetRole`.
    public func getRole(_ r: GetRoleRequest) async throws -> GetRoleResponse {
        try await read { db in GetRoleResponse(Role: try Self.role(db, r.RoleName)) }
    }

    /// IAM `UpdateRole`: description and maximum session duration.
    public func updateRole(_ r: UpdateRoleRequest) async throws -> UpdateRoleResponse {
        if let m = r.MaxSessionDuration, !(900...43200).contains(m) {
            throw ECSError.validation("MaxSessionDuration must be between 900 and 43200 seconds (the stack format allows max_session_seconds from 900).")
        }
        return try await mutate("UpdateRole", r) { db, _ in
            var role = try Self.role(db, r.RoleName)
            if let d = r.Description { role.Description = d }
            if let m = r.MaxSessionDuration { role.MaxSessionDuration = m }
            try role.save(db)
            return (UpdateRoleResponse(), role.Arn)
        }
    }

    /// IAM `DeleteRole`; refused (DeleteConflict) while inline policies remain.
    public func deleteRole(_ r: DeleteRoleRequest) async throws -> DeleteRoleResponse {
        try await mutate("DeleteRole", r) { db, _ in
            let role = try Self.role(db, r.RoleName)
            let policies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rolePolicy WHERE roleName = ?", arguments: [r.RoleName]) ?? 0
            if policies > 0 { throw ECSError.deleteConflict("Cannot delete entity, must delete policies first.") }
            _ = try Role.deleteOne(db, key: r.RoleName)
            return (DeleteRoleResponse(), role.Arn)
        }
    }

    /// IAM `PutRolePolicy`: adds or replaces an inline policy (JSON with a Statement).
    public func putRolePolicy(_ r: PutRolePolicyRequest) async throws -> PutRolePolicyResponse {
        guard r.PolicyName.wholeMatch(of: #/^[\w+=,.@-]{1,128}$/#) != nil else {
            throw ECSError.validation("PolicyName must be 1-128 characters of letters, digits and +=,.@_-.")
        }
        try Self.checkPolicy(r.PolicyDocument)
        return try await mutate("PutRolePolicy", r) { db, _ in
            let role = try Self.role(db, r.RoleName)
            try db.execute(sql: "INSERT OR REPLACE INTO rolePolicy (roleName, policyName, document) VALUES (?, ?, ?)",
                           arguments: [r.RoleName, r.PolicyName, r.PolicyDocument])
            return (PutRolePolicyResponse(), role.Arn)
        }
    }

    /// IAM `GetRolePolicy`.
    public func getRolePolicy(_ r: GetRolePolicyRequest) async throws -> GetRolePolicyResponse {
        try await read { db in
            _ = try Self.role(db, r.RoleName)
            guard let doc = try String.fetchOne(db, sql: "SELECT document FROM rolePolicy WHERE roleName = ? AND policyName = ?", arguments: [r.RoleName, r.PolicyName]) else {
                throw ECSError.noSuchEntity("The role policy with name \(r.PolicyName) cannot be found.")
            }
            return GetRolePolicyResponse(RoleName: r.RoleName, PolicyName: r.PolicyName, PolicyDocument: doc)
        }
    }

    /// IAM `DeleteRolePolicy`.
    public func deleteRolePolicy(_ r: DeleteRolePolicyRequest) async throws -> DeleteRolePolicyResponse {
        try await mutate("DeleteRolePolicy", r) { db, _ in
            let role = try Self.role(db, r.RoleName)
            try db.execute(sql: "DELETE FROM rolePolicy WHERE roleName = ? AND policyName = ?", arguments: [r.RoleName, r.PolicyName])
            if db.changesCount == 0 { throw ECSError.noSuchEntity("The role policy with name \(r.PolicyName) cannot be found.") }
            return (DeleteRolePolicyResponse(), role.Arn)
        }
    }

    /// IAM `ListRolePolicies`.
    public func listRolePolicies(_ r: ListRolePoliciesRequest) async throws -> ListRolePoliciesResponse {
        try await read { db in
            _ = try Self.role(db, r.RoleName)
            let names = try String.fetchAll(db, sql: "SELECT policyName FROM rolePolicy WHERE roleName = ? ORDER BY policyName", arguments: [r.RoleName])
            return ListRolePoliciesResponse(PolicyNames: names, IsTruncated: false)
        }
    }

    static func role(_ db: Database, _ nameOrArn: String) throws -> Role {
        let name = nameOrArn.hasPrefix("arn:") ? ARN.lastComponent(nameOrArn) : nameOrArn
        guard let role = try Role.fetchOne(db, key: name) else {
            throw ECSError.noSuchEntity("The role with name \(name) cannot be found.")
        }
        return role
    }

    /// A policy document must be a JSON object with a `Statement` (object or array).
    static func checkPolicy(_ doc: String) throws {
        guard let value = try? ECSJSON.decode(JSONValue.self, from: Data(doc.utf8)), case .object(let o) = value else {
            throw ECSError.malformedPolicy("The policy document is not valid JSON.")
        }
        switch o["Statement"] {
        case .object?, .array?: break
        default: throw ECSError.malformedPolicy("Syntax errors in policy: the document has no Statement.")
        }
    }
}
