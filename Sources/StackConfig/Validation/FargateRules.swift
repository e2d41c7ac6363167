/// Fargate task definitions: awsvpc networking and a task size from Amazon ECS's table.
enum FargateRules {
    /// Task CPU units → allowed memory range in MiB.
    static let pairs: [(cpu: Int, memory: ClosedRange<Int>)] = [
        (256, 512...2048), (512, 1024...4096), (1024, 2048...8192), (2048, 4096...16384), (4096, 8192...30720),
    ]

    static func check(_ r: ResourceView, diagnostics: inout Diagnostics) {
        let compat = r.attributes["compatibilities"]?.listValue?.compactMap(\.stringValue) ?? []
        guard compat.contains("fargate") else { return }
        if let mode = r.attributes["network_mode"]?.stringValue, mode != "awsvpc" {
            diagnostics.error("Fargate requires `network_mode: awsvpc`, not `\(mode)`; change it, or drop fargate from `compatibilities`",
                              at: r.written("network_mode") ?? r.place("compatibilities"))
        }
        let cpu = r.attributes["cpu"] ?? .null
        let memory = r.attributes["memory"] ?? .null
        if cpu == .null || memory == .null {
            let missing = [cpu == .null ? "`cpu`" : nil, memory == .null ? "`memory`" : nil].compactMap { $0 }.joined(separator: " and ")
            diagnostics.error("a Fargate task definition needs \(missing) at task level (e.g. `cpu: 256`, `memory: 512`)", at: r.range)
            return
        }
        guard let c = cpu.intValue, let m = memory.intValue else { return }  // references: checked later
        guard let pair = pairs.first(where: { $0.cpu == c }) else {
            diagnostics.error("Fargate task `cpu` must be one of \(pairs.map { String($0.cpu) }.joined(separator: ", ")), not \(c)", at: r.place("cpu"))
            return
        }
        if !pair.memory.contains(m) {
            diagnostics.error("with `cpu: \(c)` Fargate allows `memory` from \(pair.memory.lowerBound) to \(pair.memory.upperBound) MiB, not \(m)", at: r.place("memory"))
        }
    }
}
