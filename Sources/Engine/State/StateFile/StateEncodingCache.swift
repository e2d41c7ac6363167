import Foundation
import StackConfig

/// The encoded line of every resource as last written, with the resource it encodes, so
/// rewriting a large state after one resource changed re-encodes that resource only and the
/// rest is concatenation. Unchanged resources share storage with the cached copy, so the
/// equality check that decides reuse is cheap. Use one cache with one hasher only.
struct StateEncodingCache: Sendable {
    private struct Entry: Sendable {
        var resource: ResourceState
        var line: String
    }

    private var entries: [ResourceAddress: Entry] = [:]
    /// Every cached address, sorted.
    private var order: [ResourceAddress] = []

    /// The line of every resource of `state`, in address order; `encode` makes missing or
    /// outdated ones.
    mutating func lines(for state: State, encode: (ResourceState) -> String) -> [String] {
        var added: [ResourceAddress] = []
        for address in state.resources.keys where entries[address] == nil { added.append(address) }
        if entries.count + added.count != state.resources.count {
            // Some resources were removed.
            order.removeAll { state.resources[$0] == nil }
            entries = entries.filter { state.resources[$0.key] != nil }
        }
        if !added.isEmpty { order = Self.merge(order, added.sorted()) }
        var lines: [String] = []
        lines.reserveCapacity(order.count)
        for address in order {
            guard let r = state.resources[address] else { continue }
            if let e = entries[address], e.resource == r {
                lines.append(e.line)
            } else {
                let line = encode(r)
                entries[address] = Entry(resource: r, line: line)
                lines.append(line)
            }
        }
        return lines
    }

    /// Two sorted lists as one sorted list.
    private static func merge(_ a: [ResourceAddress], _ b: [ResourceAddress]) -> [ResourceAddress] {
        guard !a.isEmpty else { return b }
        var out: [ResourceAddress] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }
}

extension StateFile {
    /// As `encode(_:hasher:)`, reusing the lines in `cache` of resources unchanged since it
    /// was last used (for a writer that rewrites the same state many times).
    static func encode(_ state: State, hasher: SensitiveHasher, cache: inout StateEncodingCache) -> Data {
        StateV1Writer.encode(state, hasher: hasher, cache: &cache)
    }
}
