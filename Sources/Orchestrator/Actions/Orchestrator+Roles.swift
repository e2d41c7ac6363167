import Foundation
import GRDB

extension Orchestrator {
    static var roleNamePattern: Regex<Substring> { #/^[\w+=,.@-]{1,64}$/# }

    /// IAM `CreateRole` for task roles.
    public func createRole(_ r: CreateRoleRequest) async throws -> CreateRoleResponse {
        try await createRole(r, policies: [])
    }

    /// IAM `CreateRole` followed by a `PutRolePolicy` for each of `policies` (all naming the
    /// new role), as one transaction with the audit record of each: a task role and its
    /// inline policy exist together or not at all, and need one write instead of several.
    /// Fails as the first of those actions would; `EntityAlreadyExists` when the role exists.
    public func createRole(_ r: CreateRoleRequest, policies: [PutRolePolicyRequest]) async throws -> CreateRoleResponse {
        guard NamePattern.word(r.RoleName, extra: "+=,.@-", maxLength: 64, regex: { Self.roleNamePattern }) else {
            throw ECSError.validation("RoleName must be 1-64 characters of letters, digits and +=,.@_-.")
        }
        let maxSession = r.MaxSessionDuration ?? 3600
        guard (900...43200).contains(maxSession) else {
            throw ECSError.validation("MaxSessionDuration must be between 900 and 43200 seconds (the stack format allows max_session_seconds from 900).")
        }
        if let doc = r.AssumeRolePolicyDocument { try Self.checkPolicy(doc) }
        let path = r.Path ?? "/"
        guard path.hasPrefix("/"), path.hasSuffix("/") else { throw ECSError.validation("Path must begin and end with '/'.") }
        for p in policies {
            try Self.checkRolePolicy(p)
            guard p.RoleName == r.RoleName else {
                throw ECSError.validation("PutRolePolicy for \(p.RoleName) cannot be part of CreateRole for \(r.RoleName).")
            }
        }
        let createText = try AuditLog.requestText(r)
        let policyTexts = try policies.map { try AuditLog.requestText($0) }
        return try await mutateRecorded { db, now in
            if try Self.findRole(db, r.RoleName) != nil {
                throw ECSError.entityAlreadyExists("Role with name \(r.RoleName) already exists.")
            }
            let role = Role(Path: path, RoleName: r.RoleName, RoleId: "AROA" + IDs.alnum(17), Arn: ARN.role(r.RoleName, path: path),
                            CreateDate: now, AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, Description: r.Description,
                            MaxSessionDuration: maxSession, Tags: r.Tags)
            try role.insertCached(db)
            var entries = [AuditEntry(action: "CreateRole", resourceArn: role.Arn, text: createText)]
            for (p, text) in zip(policies, policyTexts) {
                try Self.storePolicy(db, p)
                entries.append(AuditEntry(action: "PutRolePolicy", resourceArn: role.Arn, text: text))
            }
            return (CreateRoleResponse(Role: role), entries)
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
            try role.upsert(db)
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
        try Self.checkRolePolicy(r)
        return try await mutate("PutRolePolicy", r) { db, _ in
            let role = try Self.role(db, r.RoleName)
            try Self.storePolicy(db, r)
            return (PutRolePolicyResponse(), role.Arn)
        }
    }

    /// What `PutRolePolicy` checks before its transaction.
    static func checkRolePolicy(_ r: PutRolePolicyRequest) throws {
        guard NamePattern.word(r.PolicyName, extra: "+=,.@-", maxLength: 128, regex: { #/^[\w+=,.@-]{1,128}$/# }) else {
            throw ECSError.validation("PolicyName must be 1-128 characters of letters, digits and +=,.@_-.")
        }
        try checkPolicy(r.PolicyDocument)
    }

    static func storePolicy(_ db: Database, _ r: PutRolePolicyRequest) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO rolePolicy (roleName, policyName, document) VALUES (?, ?, ?)")
            .execute(arguments: [r.RoleName, r.PolicyName, r.PolicyDocument])
    }

    /// IAM `GetRolePolicy`.
    public func getRolePolicy(_ r: GetRolePolicyRequest) async throws -> GetRolePolicyResponse {
        try await read { db in
            _ = try Self.role(db, r.RoleName)
            guard let doc = try String.fetchOne(db.cachedStatement(sql: "SELECT document FROM rolePolicy WHERE roleName = ? AND policyName = ?"), arguments: [r.RoleName, r.PolicyName]) else {
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
            let names = try String.fetchAll(db.cachedStatement(sql: "SELECT policyName FROM rolePolicy WHERE roleName = ? ORDER BY policyName"), arguments: [r.RoleName])
            return ListRolePoliciesResponse(PolicyNames: names, IsTruncated: false)
        }
    }

    static func role(_ db: Database, _ nameOrArn: String) throws -> Role {
        let name = nameOrArn.hasPrefix("arn:") ? ARN.lastComponent(nameOrArn) : nameOrArn
        guard let role = try findRole(db, name) else {
            throw ECSError.noSuchEntity("The role with name \(name) cannot be found.")
        }
        return role
    }

    /// The role named `name`, through a cached statement (every role action reads it).
    static func findRole(_ db: Database, _ name: String) throws -> Role? {
        try Role.fetchOne(db.cachedStatement(sql: "SELECT * FROM role WHERE name = ?"), arguments: [name])
    }

    /// A policy document must be a JSON object with a `Statement` (object or array).
    static func checkPolicy(_ doc: String) throws {
        // JSONSerialization: a check of every create, and several times cheaper than decoding a JSONValue.
        guard let o = (try? JSONSerialization.jsonObject(with: Data(doc.utf8))) as? [String: Any] else {
            throw ECSError.malformedPolicy("The policy document is not valid JSON.")
        }
        switch o["Statement"] {
        case is [String: Any], is [Any]: break
        default: throw ECSError.malformedPolicy("Syntax errors in policy: the document has no Statement.")
        }
    }
}
