/// Runs every rule family over the decoded resources. Each family lives in its own file and
/// reports at the place a user would fix.
enum Validator {
    /// The resources whose attributes decoded cleanly, by address.
    typealias Index = [ResourceAddress: ResourceView]

    static func validate(_ resources: [ResourceView], diagnostics: inout Diagnostics) {
        let index = Dictionary(resources.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        for r in resources {
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
}
