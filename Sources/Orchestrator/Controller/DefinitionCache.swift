import Foundation
import GRDB

/// The task definitions one converge has read, by ARN, so its passes decode each at most
/// once. A definition's containers never change once registered (only its status does, and
/// the controller does not look at it), so reuse within a converge is safe.
final class DefinitionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var definitions: [String: TaskDefinition] = [:]

    /// The definition, read from `db` the first time; nil when there is none.
    func definition(_ db: Database, _ arn: String) throws -> TaskDefinition? {
        if let td = lock.withLock({ definitions[arn] }) { return td }
        guard let td = try TaskDefinition.fetchOne(db, arn: arn) else { return nil }
        lock.withLock { definitions[arn] = td }
        return td
    }

    /// Whether the named container of a definition is essential (ECS's default: yes).
    func essential(_ db: Database, definition arn: String, container name: String) throws -> Bool {
        try definition(db, arn)?.containerDefinitions.first { $0.name == name }?.essential ?? true
    }
}
