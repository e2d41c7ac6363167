import Engine
import Foundation
import StackConfig

/// Builds orchestrator values whose memberwise initialisers are not public, from the same
/// JSON the ECS API would carry.
enum ECSShape {
    static func decode<T: Decodable>(_ type: T.Type, from value: Value) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(value.unmarked.canonicalJSON.utf8))
        } catch {
            throw ProviderError("internal error: cannot build \(T.self) from \(value.unmarked.canonicalJSON): \(error)")
        }
    }
}
