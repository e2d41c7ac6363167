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
    /// outdated ones (given the outdated one's resource and line, if any). One pass over the
    /// state's resources (one cache lookup each), then one lookup per line in address order.
    mutating func lines(for state: State, encode: (ResourceState, (resource: ResourceState, line: String)?) -> String) -> [String] {
        var added: [ResourceAddress] = []
        var kept = 0
        for (address, r) in state.resources {
            if let i = entries.index(forKey: address) {
                kept += 1
                let old = entries.values[i]
                if old.resource != r { entries.values[i] = Entry(resource: r, line: encode(r, (old.resource, old.line))) }
            } else {
                entries[address] = Entry(resource: r, line: encode(r, nil))
                added.append(address)
            }
        }
        if kept + added.count != entries.count {
            // Some resources were removed.
            order.removeAll { state.resources[$0] == nil }
            entries = entries.filter { state.resources[$0.key] != nil }
        }
        if !added.isEmpty { order = Self.merge(order, added.sorted()) }
        var lines: [String] = []
        lines.reserveCapacity(order.count)
        for address in order {
            if let e = entries[address] { lines.append(e.line) }
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
