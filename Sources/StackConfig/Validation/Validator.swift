/// Runs every rule family over the decoded resources. Each family lives in its own file and
/// reports at the place a user would fix.
enum Validator {
    /// The resources whose attributes decoded cleanly, by address.
    struct Index {
        let views: [ResourceView]
        let positions: [ResourceAddress: Int]

        init(_ views: [ResourceView]) {
            var positions: [ResourceAddress: Int] = [:]
            positions.reserveCapacity(views.count)
            for i in views.indices where positions[views[i].address] == nil { positions[views[i].address] = i }
            self.views = views
            self.positions = positions
        }

        subscript(address: ResourceAddress) -> ResourceView? { positions[address].map { views[$0] } }
    }

    /// Rules look only at one resource (and, for services, its task definition), so chunks
    /// of resources are checked side by side; their diagnostics are joined in resource order.
    static func validate(_ resources: [ResourceView], diagnostics: inout Diagnostics) {
        validate(resources, alongside: nil, diagnostics: &diagnostics)
    }

    /// As `validate(_:diagnostics:)`, running `job` (one thread's work) as one more item of the
    /// same parallel pass, first: the chunks keep the other cores busy meanwhile. (Two passes
    /// side by side in `concurrentPerform` would not: libdispatch runs an apply nested in another
    /// on the calling thread alone, so the rules ran on one core once the job was done.)
    static func validate(_ resources: [ResourceView], alongside job: (@Sendable () -> Void)?, diagnostics: inout Diagnostics) {
        let index = Index(resources)
        let chunks = Parallel.chunks(resources, minimum: 512)
        let first = job == nil ? 0 : 1
        let parts = Parallel.map(Array(0..<(chunks.count + first))) { i -> Diagnostics in
            var found = Diagnostics()
            if i < first {
                job?()
                return found
            }
            let chunk = chunks[i - first]
            for k in chunk.indices { check(chunk[k], index: index, diagnostics: &found) }
            return found
        }
        for part in parts { diagnostics.append(contentsOf: part) }
    }

    private static func check(_ r: ResourceView, index: Index, diagnostics: inout Diagnostics) {
        switch r.address.type {
        case ResourceType.cluster.name:
            ClusterRules.check(r, diagnostics: &diagnostics)
        case ResourceType.taskDefinition.name:
            TaskDefinitionRules.check(r, diagnostics: &diagnostics)
            FargateRules.check(r, diagnostics: &diagnostics)
        case ResourceType.service.name:
            ServiceRules.check(r, index: index, diagnostics: &diagnostics)
            PlacementRules.check(r, diagnostics: &diagnostics)
        default:
            break
        }
    }
}
