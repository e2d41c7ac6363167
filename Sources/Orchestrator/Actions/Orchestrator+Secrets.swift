import Foundation
import GRDB

extension Orchestrator {
    /// Secrets Manager `CreateSecret`: the value is sealed with AES-GCM at rest.
    public func createSecret(_ r: CreateSecretRequest) async throws -> CreateSecretResponse {
        let sealed = try checkSecret(r)
        return try await mutate("CreateSecret", r) { db, now in
            let m = try Self.insertSecret(db, r, sealed: sealed, now: now)
            return (CreateSecretResponse(ARN: m.ARN, Name: m.Name, VersionId: m.VersionId ?? ""), m.ARN)
        }
    }

    /// What `CreateSecret` checks before its transaction; the value sealed.
    func checkSecret(_ r: CreateSecretRequest) throws -> Data {
        guard NamePattern.ascii(r.Name, extra: "/_+=.@-", maxLength: 512) else {
            throw ECSError.invalidParameter("Secret names may contain letters, digits and /_+=.@- (1-512 characters).")
        }
        guard r.SecretString.utf8.count <= 65536 else { throw ECSError.invalidParameter("SecretString is larger than 64 KiB.") }
        return try sealer.seal(r.SecretString)
    }

    /// `CreateSecret`'s write: `ResourceExistsException` when the name is taken.
    static func insertSecret(_ db: Database, _ r: CreateSecretRequest, sealed: Data, now: Date) throws -> SecretMetadata {
        if try SecretStore.metadata(db, r.Name) != nil {
            throw ECSError("ResourceExistsException", "The operation failed because the secret \(r.Name) already exists.")
        }
        let version = UUID().uuidString.lowercased()
        let m = SecretMetadata(ARN: ARN.secret(r.Name), Name: r.Name, Description: r.Description, CreatedDate: now, LastChangedDate: now, VersionId: version)
        try SecretStore.save(db, m, sealed: sealed)
        return m
    }

    /// Secrets Manager `PutSecretValue`: a new version of the value.
    public func putSecretValue(_ r: PutSecretValueRequest) async throws -> PutSecretValueResponse {
        guard r.SecretString.utf8.count <= 65536 else { throw ECSError.invalidParameter("SecretString is larger than 64 KiB.") }
        let sealed = try sealer.seal(r.SecretString)
        return try await mutate("PutSecretValue", r) { db, now in
            guard var m = try SecretStore.metadata(db, r.SecretId) else {
                throw ECSError.resourceNotFound("Secrets Manager can't find the specified secret.")
            }
            m.LastChangedDate = now
            m.VersionId = UUID().uuidString.lowercased()
            try SecretStore.save(db, m, sealed: sealed)
            return (PutSecretValueResponse(ARN: m.ARN, Name: m.Name, VersionId: m.VersionId ?? ""), m.ARN)
        }
    }

    /// Secrets Manager `DescribeSecret`: metadata only, never the value.
    public func describeSecret(_ r: DescribeSecretRequest) async throws -> DescribeSecretResponse {
        try await read { db in
            guard let m = try SecretStore.metadata(db, r.SecretId) else {
                throw ECSError.resourceNotFound("Secrets Manager can't find the specified secret.")
            }
            return m
        }
    }

    /// Secrets Manager `DeleteSecret`: removed at once.
    public func deleteSecret(_ r: DeleteSecretRequest) async throws -> DeleteSecretResponse {
        try await mutate("DeleteSecret", r) { db, now in
            guard let m = try SecretStore.metadata(db, r.SecretId) else {
                throw ECSError.resourceNotFound("Secrets Manager can't find the specified secret.")
            }
            try db.execute(sql: "DELETE FROM secret WHERE name = ?", arguments: [m.Name])
            return (DeleteSecretResponse(ARN: m.ARN, Name: m.Name, DeletionDate: now), m.ARN)
        }
    }

    /// Secrets Manager `ListSecrets`: metadata only.
    public func listSecrets(_ r: ListSecretsRequest) async throws -> ListSecretsResponse {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT body FROM secret ORDER BY name LIMIT ?", arguments: [r.MaxResults ?? 100])
            return ListSecretsResponse(SecretList: try rows.map { try BodyCoding.decode(SecretMetadata.self, $0) })
        }
    }
}
