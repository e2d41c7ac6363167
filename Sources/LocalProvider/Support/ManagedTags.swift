import Orchestrator

/// Tags ecsform puts on what it creates, so that a create interrupted before state was
/// written can be recognised and adopted by the next apply instead of duplicated (see
/// LocalProvider's doc comment). They are hidden from the `tags` attribute.
enum ManagedTags {
    static let prefix = "ecsform:"
    static let address = "ecsform:address"
    /// Task definitions: a keyed hash of the registered content (secret values included).
    static let content = "ecsform:content"
    /// Services: the load balancer, which the orchestrator's service model does not hold.
    static let loadBalancer = "ecsform:load_balancer"

    static func isManaged(_ key: String) -> Bool { key.hasPrefix(prefix) }

    /// User tags plus ecsform's own, in a stable order.
    static func ecs(_ user: [String: String], managed: [String: String]) -> [Tag] {
        user.merging(managed) { _, m in m }.sorted { $0.key < $1.key }.map { Tag(key: $0.key, value: $0.value) }
    }

    /// The user's tags (ecsform's own removed).
    static func user(_ tags: [Tag]?) -> [String: String] {
        var out: [String: String] = [:]
        for t in tags ?? [] where !isManaged(t.key) { out[t.key] = t.value ?? "" }
        return out
    }

    static func value(_ tags: [Tag]?, _ key: String) -> String? {
        tags?.first { $0.key == key }?.value
    }
}
