/// Runs a body for every node of a dependency graph, each only after all its dependencies
/// succeeded, at most `parallelism` at once (Terraform's dag.Walker, over a TaskGroup).
/// A failed node's dependents (transitively) are skipped; everything else goes on. O(V + E).
struct Walker<Node: Hashable & Sendable & Comparable> {
    let nodes: [Node]
    /// node -> nodes it waits for (all must be in `nodes`).
    let dependencies: [Node: [Node]]

    struct Outcome: Sendable {
        var succeeded: [Node] = []
        var failed: [Node] = []
        /// node -> the failed node that caused the skip.
        var skipped: [Node: Node] = [:]
    }

    /// node -> how many dependencies it waits for, and node -> the nodes waiting for it.
    private func counts() -> (remaining: [Node: Int], dependents: [Node: [Node]]) {
        var remaining: [Node: Int] = [:]
        var dependents: [Node: [Node]] = [:]
        for n in nodes {
            let deps = dependencies[n] ?? []
            remaining[n] = deps.count
            for d in deps { dependents[d, default: []].append(n) }
        }
        return (remaining, dependents)
    }

    /// A node that can never run because of a cycle, or nil.
    func findCycleMember() -> Node? {
        var (remaining, dependents) = counts()
        var ready = nodes.filter { remaining[$0] == 0 }
        var done = 0
        while let n = ready.popLast() {
            done += 1
            for d in dependents[n] ?? [] {
                remaining[d, default: 0] -= 1
                if remaining[d] == 0 { ready.append(d) }
            }
        }
        guard done < nodes.count else { return nil }
        return nodes.filter { (remaining[$0] ?? 0) > 0 }.min()
    }

    func walk(parallelism: Int, _ body: @escaping @Sendable (Node) async -> Bool) async -> Outcome {
        var (remaining, dependents) = counts()
        // A FIFO of ready nodes, each batch in address order, so output is stable.
        var ready = nodes.filter { remaining[$0] == 0 }.sorted()
        var head = 0
        var outcome = Outcome()
        let limit = max(1, parallelism)
        await withTaskGroup(of: (Node, Bool).self) { group in
            var running = 0
            func startReady() {
                while running < limit, head < ready.count {
                    let n = ready[head]
                    head += 1
                    running += 1
                    group.addTask { (n, await body(n)) }
                }
            }
            startReady()
            while let (node, ok) = await group.next() {
                running -= 1
                if ok {
                    outcome.succeeded.append(node)
                    var newlyReady: [Node] = []
                    for d in dependents[node] ?? [] where outcome.skipped[d] == nil {
                        remaining[d, default: 0] -= 1
                        if remaining[d] == 0 { newlyReady.append(d) }
                    }
                    ready += newlyReady.sorted()
                } else {
                    outcome.failed.append(node)
                    var queue = dependents[node] ?? []
                    while let d = queue.popLast() {
                        guard outcome.skipped[d] == nil else { continue }
                        outcome.skipped[d] = node
                        queue += dependents[d] ?? []
                    }
                }
                startReady()
            }
        }
        return outcome
    }
}
