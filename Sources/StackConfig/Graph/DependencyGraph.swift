/// Which resource must come after which. Edges point from a resource to what it depends on.
/// The engine walks it forwards for apply and backwards for destroy.
public struct DependencyGraph: Sendable, Hashable {
    /// Every node, sorted.
    public private(set) var nodes: [ResourceAddress]
    /// node -> the nodes it depends on (sorted, unique).
    public private(set) var dependencies: [ResourceAddress: [ResourceAddress]]

    public init(nodes: [ResourceAddress], dependencies: [ResourceAddress: [ResourceAddress]]) {
        let all = Set(nodes).union(dependencies.keys).union(dependencies.values.joined())
        self.nodes = all.sorted()
        self.dependencies = dependencies.mapValues { Self.isSortedAndUnique($0) ? $0 : Array(Set($0)).sorted() }
    }

    /// The loader hands in lists already sorted and unique: they need no set and no sort.
    private static func isSortedAndUnique(_ list: [ResourceAddress]) -> Bool {
        var i = 1
        while i < list.count {
            guard list[i - 1] < list[i] else { return false }
            i += 1
        }
        return true
    }

    public func dependencies(of node: ResourceAddress) -> [ResourceAddress] { dependencies[node] ?? [] }

    /// node -> the nodes that depend on it.
    public var dependents: [ResourceAddress: [ResourceAddress]] {
        var result: [ResourceAddress: [ResourceAddress]] = [:]
        for (node, deps) in dependencies {
            for d in deps { result[d, default: []].append(node) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// A dependency order (dependencies first), layer by layer, each layer sorted by address;
    /// nil when there is a cycle.
    public func topologicalOrder() -> [ResourceAddress]? {
        layers().map { $0.flatMap { $0 } }
    }

    /// Groups of nodes whose dependencies all lie in earlier groups; nil when there is a cycle.
    public func layers() -> [[ResourceAddress]]? {
        // By position in `nodes` (sorted, unique), so each address is hashed once and a
        // layer sorts by comparing integers: the planner asks for this on every plan.
        var position: [ResourceAddress: Int] = [:]
        position.reserveCapacity(nodes.count)
        for (i, n) in nodes.enumerated() { position[n] = i }
        var remaining = [Int](repeating: 0, count: nodes.count)
        var dependents = [[Int]](repeating: [], count: nodes.count)
        for (node, deps) in dependencies {
            guard let i = position[node] else { continue }  // every key is a node
            remaining[i] = deps.count
            for d in deps {
                if let j = position[d] { dependents[j].append(i) }
            }
        }
        var layer = remaining.indices.filter { remaining[$0] == 0 }
        var result: [[ResourceAddress]] = []
        var placed = 0
        while !layer.isEmpty {
            result.append(layer.map { nodes[$0] })
            placed += layer.count
            var next: [Int] = []
            for n in layer {
                for d in dependents[n] {
                    remaining[d] -= 1
                    if remaining[d] == 0 { next.append(d) }
                }
            }
            layer = next.sorted()
        }
        return placed == nodes.count ? result : nil
    }

    /// One cycle, as the list of nodes around it (first node repeated at the end), or nil.
    public func findCycle() -> [ResourceAddress]? {
        enum Mark { case visiting, done }
        var marks: [ResourceAddress: Mark] = [:]
        // Iterative DFS so a long chain cannot overflow the stack.
        for start in nodes where marks[start] == nil {
            var stack: [(node: ResourceAddress, next: Int)] = [(start, 0)]
            marks[start] = .visiting
            while let top = stack.last {
                let deps = dependencies(of: top.node)
                if top.next < deps.count {
                    stack[stack.count - 1].next += 1
                    let d = deps[top.next]
                    switch marks[d] {
                    case .visiting?:
                        guard let from = stack.firstIndex(where: { $0.node == d }) else { return [d, d] }
                        return stack[from...].map(\.node) + [d]
                    case .done?:
                        continue
                    case nil:
                        marks[d] = .visiting
                        stack.append((d, 0))
                    }
                } else {
                    marks[top.node] = .done
                    stack.removeLast()
                }
            }
        }
        return nil
    }
}
