import Engine
import Foundation
import Orchestrator
import StackConfig

/// `task_role`: CreateRole, UpdateRole (description, max session), one inline policy named
/// `ecsform` holding every configured statement (PutRolePolicy / DeleteRolePolicy), DeleteRole.
///
/// The orchestrator has no TagRole, so a change of `tags` re-creates the role under the same
/// name inside the update (same ARN, so nothing that references it changes).
struct TaskRoleAdapter: ResourceAdapter {
    let orchestrator: Orchestrator
    static let policyName = "ecsform"

    var schema: ResourceSchema {
        ResourceSchema(type: "task_role", attributes: Self.attributes(
            ["name", "description", "policies", "max_session_seconds", "tags"], forcing: ["name"], computed: ["arn", "id"]))
    }

    func normalize(_ a: [String: Value]) -> [String: Value] {
        var out = a
        out.update("name", absent: .null)
        out.update("description", orNull: .string(""))
        if let ps = a["policies"], case .list(let items) = ps {
            out.setIfChanged("policies", .list(items.map { item in
                guard case .map(var m) = item else { return item }
                if let e = m["effect"]?.stringValue { m.setIfChanged("effect", .string(e.lowercased())) } else if m["effect"] == nil || m["effect"] == .null { m.setIfChanged("effect", .string("allow")) }
                m.update("actions", absent: .list([]))
                m.update("resources", absent: .list([]))
                return .map(m)
            }))
        } else {
            out.setIfChanged("policies", (a["policies"] == nil || a["policies"] == .null) ? .list([]) : a["policies"])
        }
        out.update("max_session_seconds", absent: .int(3600), \.numberNormalized)
        out.setIfChanged("tags", ClusterAdapter.normalizeStringMap(a["tags"]))
        return out
    }

    func read(id: String, prior: [String: Value]) async throws -> [String: Value]? {
        let role: Role
        do {
            role = try await orchestrator.getRole(GetRoleRequest(RoleName: id)).Role
        } catch let e as ECSError where e.isNotFound { return nil }
        return try await attributes(of: role)
    }

    var readKind: BatchReadKey.Kind { .role }

    func request(id: String, into batch: inout BatchReadRequest) throws {
        batch.roles.append(id)
    }

    func read(id: String, prior: [String: Value], from batch: BatchReadResponse) throws -> [String: Value]? {
        guard let snapshot = batch.roles[id] else { return nil }
        return Self.attributes(of: snapshot.role, documents: snapshot.policies.map(\.document))
    }

    func attributes(of role: Role) async throws -> [String: Value] {
        var documents: [String] = []
        let names = try await orchestrator.listRolePolicies(ListRolePoliciesRequest(RoleName: role.RoleName)).PolicyNames
        for name in names {
            documents.append(try await orchestrator.getRolePolicy(GetRolePolicyRequest(RoleName: role.RoleName, PolicyName: name)).PolicyDocument)
        }
        return Self.attributes(of: role, documents: documents)
    }

    /// `role` with its inline policy documents (in policy-name order) in canonical form.
    static func attributes(of role: Role, documents: [String]) -> [String: Value] {
        var policies: [Value] = []
        for doc in documents { policies += statements(doc) }
        var tags: [String: String] = [:]
        for t in role.Tags ?? [] where !ManagedTags.isManaged(t.Key) { tags[t.Key] = t.Value }
        return [
            "name": .string(role.RoleName),
            "description": .string(role.Description ?? ""),
            "policies": .list(policies),
            "max_session_seconds": .int(role.MaxSessionDuration),
            "tags": .stringMap(tags),
            "arn": .string(role.Arn),
            "id": .string(role.Arn),
        ]
    }

    /// One transaction (CreateRole with the inline policy) when the name is free; the
    /// attributes are built from what was written, which is what a read would return.
    func create(address: ResourceAddress, attributes a: [String: Value]) async throws -> (id: String, attributes: [String: Value]) {
        let name = a.string("name") ?? address.name
        let request = Self.createRequest(name: name, address: address.description, a)
        let policy = Self.policyRequest(name, a)
        do {
            let role = try await orchestrator.createRole(request, policies: policy.map { [$0] } ?? []).Role
            // A new role has exactly the policies created with it.
            return (role.Arn, Self.attributes(of: role, documents: policy.map { [$0.PolicyDocument] } ?? []))
        } catch let e as ECSError where e.type == "EntityAlreadyExists" {}
        let existing = try await orchestrator.getRole(GetRoleRequest(RoleName: name)).Role
        // A role this address created in an apply that died before recording it: adopt it.
        guard existing.Tags?.contains(where: { $0.Key == ManagedTags.address && $0.Value == address.description }) == true else {
            throw ProviderError("a role named \(name) already exists and was not created by \(address); import it with `ecsform import \(address) \(name)` or choose another name")
        }
        return (existing.Arn, try await update(id: existing.Arn, prior: try await attributes(of: existing), planned: a,
                                               changed: ["description", "max_session_seconds", "policies", "tags"]))
    }

    private func makeRole(name: String, address: String, _ a: [String: Value]) async throws -> Role {
        let role = try await orchestrator.createRole(Self.createRequest(name: name, address: address, a)).Role
        try await putPolicies(name, a)
        return role
    }

    static func createRequest(name: String, address: String, _ a: [String: Value]) -> CreateRoleRequest {
        var request = CreateRoleRequest(RoleName: name, AssumeRolePolicyDocument: Self.trustPolicy,
                                        Description: a.string("description") ?? "", MaxSessionDuration: a.int("max_session_seconds"))
        var tags = a.stringMap("tags")
        tags[ManagedTags.address] = address
        request.Tags = tags.sorted { $0.key < $1.key }.map { IAMTag(Key: $0.key, Value: $0.value) }
        return request
    }

    /// The inline policy holding every configured statement; nil when there are none.
    static func policyRequest(_ role: String, _ a: [String: Value]) -> PutRolePolicyRequest? {
        let statements = a.list("policies") ?? []
        guard !statements.isEmpty else { return nil }
        return PutRolePolicyRequest(RoleName: role, PolicyName: policyName, PolicyDocument: document(statements))
    }

    func update(id: String, prior: [String: Value], planned a: [String: Value], changed: [String]) async throws -> [String: Value] {
        let name = ARN.lastComponent(id)
        let role = try await orchestrator.getRole(GetRoleRequest(RoleName: name)).Role
        if changed.contains("tags") {
            let address = role.Tags?.first { $0.Key == ManagedTags.address }?.Value ?? ""
            try await removePolicies(name)
            _ = try await orchestrator.deleteRole(DeleteRoleRequest(RoleName: name))
            return try await attributes(of: try await makeRole(name: name, address: address, a))
        }
        if changed.contains("description") || changed.contains("max_session_seconds") {
            _ = try await orchestrator.updateRole(UpdateRoleRequest(
                RoleName: name, Description: a.string("description") ?? "", MaxSessionDuration: a.int("max_session_seconds")))
        }
        if changed.contains("policies") { try await putPolicies(name, a) }
        return try await attributes(of: try await orchestrator.getRole(GetRoleRequest(RoleName: name)).Role)
    }

    func delete(id: String, prior: [String: Value]) async throws {
        let name = ARN.lastComponent(id)
        do {
            try await removePolicies(name)
            _ = try await orchestrator.deleteRole(DeleteRoleRequest(RoleName: name))
        } catch let e as ECSError where e.isNotFound { return }
    }

    /// By ARN or role name.
    func importResource(id: String) async throws -> (id: String, attributes: [String: Value])? {
        do {
            let role = try await orchestrator.getRole(GetRoleRequest(RoleName: ARN.lastComponent(id))).Role
            return (role.Arn, try await attributes(of: role))
        } catch let e as ECSError where e.isNotFound { return nil }
    }

    // MARK: policies

    private func putPolicies(_ role: String, _ a: [String: Value]) async throws {
        let others = try await orchestrator.listRolePolicies(ListRolePoliciesRequest(RoleName: role)).PolicyNames
            .filter { $0 != Self.policyName }
        for p in others { _ = try await orchestrator.deleteRolePolicy(DeleteRolePolicyRequest(RoleName: role, PolicyName: p)) }
        guard let policy = Self.policyRequest(role, a) else {
            if try await orchestrator.listRolePolicies(ListRolePoliciesRequest(RoleName: role)).PolicyNames.contains(Self.policyName) {
                _ = try await orchestrator.deleteRolePolicy(DeleteRolePolicyRequest(RoleName: role, PolicyName: Self.policyName))
            }
            return
        }
        _ = try await orchestrator.putRolePolicy(policy)
    }

    private func removePolicies(_ role: String) async throws {
        for p in try await orchestrator.listRolePolicies(ListRolePoliciesRequest(RoleName: role)).PolicyNames {
            _ = try await orchestrator.deleteRolePolicy(DeleteRolePolicyRequest(RoleName: role, PolicyName: p))
        }
    }

    static let trustPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    /// An IAM policy document: one statement per configured policy, in written order.
    static func document(_ statements: [Value]) -> String {
        let list: [Value] = statements.map { s in
            let m = s.unmarked.mapValue ?? [:]
            let effect = (m.string("effect") ?? "allow") == "deny" ? "Deny" : "Allow"
            return .map(["Effect": .string(effect), "Action": .strings(m.strings("actions")), "Resource": .strings(m.strings("resources"))])
        }
        return Value.map(["Version": .string("2012-10-17"), "Statement": .list(list)]).canonicalJSON
    }

    /// The statements of a policy document as canonical `{effect, actions, resources}` maps.
    static func statements(_ doc: String) -> [Value] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(doc.utf8)) as? [String: Any] else { return [] }
        let raw: [[String: Any]]
        if let list = json["Statement"] as? [[String: Any]] { raw = list }
        else if let one = json["Statement"] as? [String: Any] { raw = [one] }
        else { return [] }
        func strings(_ x: Any?) -> [String] {
            if let s = x as? String { return [s] }
            return (x as? [Any])?.compactMap { $0 as? String } ?? []
        }
        return raw.map { s in
            let effect = ((s["Effect"] as? String) ?? "Allow").lowercased()
            return .map(["effect": .string(effect), "actions": .strings(strings(s["Action"])), "resources": .strings(strings(s["Resource"]))])
        }
    }
}
