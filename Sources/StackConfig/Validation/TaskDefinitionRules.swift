/// Containers of a task definition: unique names, an essential one, memory within the task's,
/// dependencies between containers, and ports that fit the network mode.
enum TaskDefinitionRules {
    static func check(_ r: ResourceView, diagnostics: inout Diagnostics) {
        guard let containers = r.attributes["containers"]?.listValue else { return }
        let mode = r.attributes["network_mode"]?.stringValue
        var firstByName: [String: Int] = [:]
        var names = Set<String>()
        var anyEssential = false
        var memorySum = 0
        for (i, container) in containers.enumerated() {
            guard case .map(let c) = container else { continue }
            let base = "containers.\(i)"
            if let name = c["name"]?.stringValue {
                names.insert(name)
                if let first = firstByName[name] {
                    diagnostics.error("container name `\(name)` is used twice in this task definition; names must be unique", at: r.place("\(base).name"),
                                      notes: [Diagnostic.Note("first used here", at: r.place("containers.\(first).name"))])
                } else {
                    firstByName[name] = i
                }
            }
            if c["essential"]?.boolValue != false { anyEssential = true }
            if let mem = c["memory"]?.intValue {
                memorySum += mem
                if let reservation = c["memory_reservation"]?.intValue, reservation > mem {
                    diagnostics.error("`memory_reservation` (\(reservation)) is more than the container's hard `memory` limit (\(mem))", at: r.place("\(base).memory_reservation"))
                }
            }
            if let ports = c["ports"]?.listValue {
                for (j, port) in ports.enumerated() {
                    guard let p = port.mapValue else { continue }
                    if mode == "none" {
                        diagnostics.error("a task with `network_mode: none` cannot map ports; remove `ports` or choose another network mode", at: r.place("\(base).ports"))
                        break
                    }
                    if mode == "host" || mode == "awsvpc", let cp = p["container"]?.intValue, let hp = p["host"]?.intValue, hp != cp {
                        diagnostics.error("with `network_mode: \(mode ?? "")` the host port must equal the container port (\(cp)); remove `host` or set it to \(cp)", at: r.place("\(base).ports.\(j).host"))
                    }
                }
            }
        }
        if !containers.isEmpty, !anyEssential {
            diagnostics.error("at least one container must be essential; set `essential: true` on the main container", at: r.place("containers"))
        }
        for (i, container) in containers.enumerated() {
            guard let deps = container.mapValue?["depends_on"]?.listValue else { continue }
            let own = container.mapValue?["name"]?.stringValue
            for (j, dep) in deps.enumerated() {
                guard let target = dep.mapValue?["container"]?.stringValue else { continue }
                // Found only for a message: walking the node is work the common, valid case skips.
                var place: SourceRange { r.place("containers.\(i).depends_on.\(j).container") }
                if target == own {
                    diagnostics.error("container `\(target)` cannot depend on itself", at: place)
                } else if !names.contains(target) {
                    diagnostics.error("`depends_on` names container `\(target)`, which is not in this task definition\(Suggestions.hint(for: target, in: names))", at: place)
                }
            }
        }
        if let taskMemory = r.attributes["memory"]?.intValue, memorySum > taskMemory {
            diagnostics.error("the containers' `memory` adds up to \(memorySum) MiB, more than the task's `memory: \(taskMemory)`; raise the task memory or lower the containers'", at: r.place("memory"))
        }
    }
}
