/// Cluster capacity: only EC2 clusters have container instances.
enum ClusterRules {
    static func check(_ r: ResourceView, diagnostics: inout Diagnostics) {
        if r.attributes["capacity"]?.stringValue == "fargate", let instances = r.attributes["instances"], instances != .null {
            diagnostics.error("`instances` is only allowed with `capacity: ec2`; this cluster's capacity is fargate — set `capacity: ec2` or remove `instances`",
                              at: r.place("instances"))
        }
    }
}
