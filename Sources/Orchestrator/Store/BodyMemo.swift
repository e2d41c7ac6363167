import Foundation

/// Decoded bodies by their exact bytes: a row read again unchanged is not decoded again. The
/// controller reads a cluster's instances and the task definitions on every pass, and most
/// of them have not changed since. Decoding is a pure function of the bytes, so a hit is
/// always right; the memo is bounded, emptied when full.
final class BodyMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// By primary key (`Data`'s own hash covers only a prefix, which every body shares).
    private var values: [String: (body: Data, value: Value)] = [:]
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func value(key: String, body: Data, decode: (Data) throws -> Value) rethrows -> Value {
        if let hit = lock.withLock({ values[key] }), hit.body == body { return hit.value }
        let decoded = try decode(body)
        lock.withLock {
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = (body, decoded)
        }
        return decoded
    }
}
