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
        let index = Index(resources)
        let parts = Parallel.map(Parallel.chunks(resources, minimum: 512)) { chunk in
            var found = Diagnostics()
            for i in chunk.indices { check(chunk[i], index: index, diagnostics: &found) }
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
