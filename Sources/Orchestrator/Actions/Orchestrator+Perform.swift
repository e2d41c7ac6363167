import Foundation

extension Orchestrator {
    /// The generic entry used by `ecsform ecs` and the HTTP server: an action name (bare, or
    /// as in `X-Amz-Target: AmazonEC2ContainerServiceV20141113.CreateCluster`) and its
    /// request as ECS JSON; returns the response as ECS JSON. Errors are `ECSError`s.
    public func perform(action: String, input: Data) async throws -> Data {
        let name = action.split(separator: ".").last.map(String.init) ?? action
        guard let handler = Self.handlers[name] else {
            throw ECSError("UnknownOperationException", "Unknown action \(name).")
        }
        return try await handler(self, input.isEmpty ? Data("{}".utf8) : input)
    }

    /// Every action name `perform` accepts.
    public static var actionNames: [String] { handlers.keys.sorted() }

    typealias Handler = @Sendable (Orchestrator, Data) async throws -> Data

    static func handler<Req: Decodable & Sendable, Res: Encodable & Sendable>(
        _ f: @escaping @Sendable (Orchestrator) -> (Req) async throws -> Res
    ) -> Handler {
        { o, data in
            let req = try decodeRequest(Req.self, data)
            return try ECSJSON.encode(try await f(o)(req))
        }
    }

    static func decodeRequest<T: Decodable>(_ t: T.Type, _ data: Data) throws -> T {
        do {
            return try ECSJSON.decode(t, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ECSError.invalidParameter("Missing required parameter \(path(ctx.codingPath + [key])).")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ECSError("SerializationException", "Wrong type for \(path(ctx.codingPath)): \(ctx.debugDescription)")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ECSError.invalidParameter("Null value for \(path(ctx.codingPath)).")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ECSError("SerializationException", ctx.codingPath.isEmpty ? "The request is not valid JSON." : "Invalid value for \(path(ctx.codingPath)).")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static let handlers: [String: Handler] = [
        "CreateCluster": handler(Orchestrator.createCluster),
        "DescribeClusters": handler(Orchestrator.describeClusters),
        "ListClusters": handler(Orchestrator.listClusters),
        "DeleteCluster": handler(Orchestrator.deleteCluster),
        "UpdateClusterSettings": handler(Orchestrator.updateClusterSettings),
        "RegisterContainerInstance": handler(Orchestrator.registerContainerInstance),
        "DeregisterContainerInstance": handler(Orchestrator.deregisterContainerInstance),
        "ListContainerInstances": handler(Orchestrator.listContainerInstances),
        "DescribeContainerInstances": handler(Orchestrator.describeContainerInstances),
        "UpdateContainerInstancesState": handler(Orchestrator.updateContainerInstancesState),
        "RegisterTaskDefinition": handler(Orchestrator.registerTaskDefinition),
        "DescribeTaskDefinition": handler(Orchestrator.describeTaskDefinition),
        "ListTaskDefinitions": handler(Orchestrator.listTaskDefinitions),
        "ListTaskDefinitionFamilies": handler(Orchestrator.listTaskDefinitionFamilies),
        "DeregisterTaskDefinition": handler(Orchestrator.deregisterTaskDefinition),
        "CreateService": handler(Orchestrator.createService),
        "UpdateService": handler(Orchestrator.updateService),
        "DescribeServices": handler(Orchestrator.describeServices),
        "ListServices": handler(Orchestrator.listServices),
        "DeleteService": handler(Orchestrator.deleteService),
        "RunTask": handler(Orchestrator.runTask),
        "StopTask": handler(Orchestrator.stopTask),
        "ListTasks": handler(Orchestrator.listTasks),
        "DescribeTasks": handler(Orchestrator.describeTasks),
        "TagResource": handler(Orchestrator.tagResource),
        "UntagResource": handler(Orchestrator.untagResource),
        "ListTagsForResource": handler(Orchestrator.listTagsForResource),
        "CreateRole": handler(Orchestrator.createRole),
        "GetRole": handler(Orchestrator.getRole),
        "UpdateRole": handler(Orchestrator.updateRole),
        "DeleteRole": handler(Orchestrator.deleteRole),
        "PutRolePolicy": handler(Orchestrator.putRolePolicy),
        "GetRolePolicy": handler(Orchestrator.getRolePolicy),
        "DeleteRolePolicy": handler(Orchestrator.deleteRolePolicy),
        "ListRolePolicies": handler(Orchestrator.listRolePolicies),
        "GetTaskCredentials": handler(Orchestrator.getTaskCredentials),
        "CreateSecret": handler(Orchestrator.createSecret),
        "PutSecretValue": handler(Orchestrator.putSecretValue),
        "DescribeSecret": handler(Orchestrator.describeSecret),
        "DeleteSecret": handler(Orchestrator.deleteSecret),
        "ListSecrets": handler(Orchestrator.listSecrets),
        "ListAuditRecords": handler(Orchestrator.listAuditRecords),
        "BulkRunTasks": handler(Orchestrator.bulkRunTasks),
    ]
}
