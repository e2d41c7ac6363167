import Foundation

/// RegisterTaskDefinition's checks, as ECS makes them (ClientException on bad input).
enum TaskDefinitionRules {
    /// Fargate's valid task sizes: CPU units → allowed memory (MiB).
    static let fargateSizes: [Int: [Int]] = [
        256: [512, 1024, 2048],
        512: Array(stride(from: 1024, through: 4096, by: 1024)),
        1024: Array(stride(from: 2048, through: 8192, by: 1024)),
        2048: Array(stride(from: 4096, through: 16384, by: 1024)),
        4096: Array(stride(from: 8192, through: 30720, by: 1024)),
        8192: Array(stride(from: 16384, through: 61440, by: 4096)),
        16384: Array(stride(from: 32768, through: 122880, by: 8192)),
    ]

    /// Normalises "1 vCPU" / "0.25 vcpu" to CPU units, "2 GB" to MiB; plain integers pass through.
    static func units(_ s: String, perUnit: Double, suffixes: [String]) -> Int? {
        if let v = Int(s) { return v }
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if let v = Int(t) { return v }
        for suffix in suffixes where t.hasSuffix(suffix) {
            let num = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let d = Double(num), d > 0 { return Int((d * perUnit).rounded()) }
        }
        return nil
    }

    static func validate(_ r: RegisterTaskDefinitionRequest) throws -> TaskDefinition {
        guard NamePattern.ascii(r.family, extra: "_-", maxLength: 255) else {
            throw ECSError.client("Family must be 1-255 letters, numbers, hyphens and underscores.")
        }
        guard !r.containerDefinitions.isEmpty else { throw ECSError.client("Container list cannot be empty.") }
        try Validate.tags(r.tags)
        let networkMode = r.networkMode ?? "bridge"
        guard ["bridge", "host", "awsvpc", "none"].contains(networkMode) else {
            throw ECSError.client("Network mode must be one of bridge, host, awsvpc, none.")
        }
        for c in r.requiresCompatibilities ?? [] where !["EC2", "FARGATE", "EXTERNAL"].contains(c) {
            throw ECSError.client("requiresCompatibilities must contain EC2, FARGATE or EXTERNAL.")
        }
        var cpu: String?
        var memory: String?
        if let c = r.cpu {
            guard let v = units(c, perUnit: 1024, suffixes: ["vcpu"]), v > 0 else { throw ECSError.client("Invalid 'cpu' setting for task: \(c).") }
            cpu = String(v)
        }
        if let m = r.memory {
            guard let v = units(m, perUnit: 1024, suffixes: ["gb"]), v > 0 else { throw ECSError.client("Invalid 'memory' setting for task: \(m).") }
            memory = String(v)
        }
        let fargate = r.requiresCompatibilities?.contains("FARGATE") ?? false
        if fargate {
            guard networkMode == "awsvpc" else { throw ECSError.client("Fargate only supports network mode 'awsvpc'.") }
            guard let cs = cpu, let ms = memory else {
                throw ECSError.client("Fargate requires that 'cpu' be defined at the task level.")
            }
            let cv = Int(cs) ?? 0, mv = Int(ms) ?? 0
            guard fargateSizes[cv]?.contains(mv) == true else {
                throw ECSError.client("No Fargate configuration exists for given values: \(cv) CPU, \(mv) memory. See the Amazon ECS documentation for the valid combinations.")
            }
        }
        var names = Set<String>()
        var containers = r.containerDefinitions
        for i in containers.indices {
            let c = containers[i]
            guard !c.name.isEmpty, c.name.count <= 255 else { throw ECSError.client("Container.name should not be null or empty.") }
            guard names.insert(c.name).inserted else { throw ECSError.client("Duplicate container name '\(c.name)' in task definition.") }
            guard !c.image.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) else { throw ECSError.client("Container.image should not be null or empty.") }
            if memory == nil, c.memory == nil, c.memoryReservation == nil {
                throw ECSError.client("Invalid setting for container '\(c.name)'. At least one of 'memory' or 'memoryReservation' must be specified.")
            }
            if let m = c.memory, m < 6 { throw ECSError.client("Invalid 'memory' setting for container '\(c.name)': the minimum is 6 MiB.") }
            if let m = c.memory, let mr = c.memoryReservation, mr > m {
                throw ECSError.client("Invalid setting for container '\(c.name)'. 'memoryReservation' must be less than or equal to 'memory'.")
            }
            if let v = c.cpu, v < 0 { throw ECSError.client("Invalid 'cpu' setting for container '\(c.name)'.") }
            for pm in c.portMappings ?? [] {
                guard let cp = pm.containerPort, (1...65535).contains(cp) else {
                    throw ECSError.client("Invalid port mapping for container '\(c.name)': containerPort must be 1-65535.")
                }
                if let hp = pm.hostPort, !(0...65535).contains(hp) {
                    throw ECSError.client("Invalid port mapping for container '\(c.name)': hostPort must be 0-65535.")
                }
                if networkMode == "awsvpc" || networkMode == "host", let hp = pm.hostPort, hp != cp {
                    throw ECSError.client("When networkMode=\(networkMode), the host port must match the container port (container '\(c.name)').")
                }
                if let p = pm.protocol, p != "tcp" && p != "udp" { throw ECSError.client("Port mapping protocol must be tcp or udp.") }
            }
            for s in c.secrets ?? [] where s.name.isEmpty || s.valueFrom.isEmpty {
                throw ECSError.client("Secrets of container '\(c.name)' need a name and a valueFrom.")
            }
            if containers[i].essential == nil { containers[i].essential = true }
        }
        guard containers.contains(where: { $0.essential == true }) else {
            throw ECSError.client("Task definition does not have any essential container.")
        }
        if let role = r.taskRoleArn, !role.hasPrefix("arn:aws:iam::") || !role.contains(":role/") {
            throw ECSError.client("Role is not valid: \(role). Expected arn:aws:iam::000000000000:role/NAME.")
        }
        for pc in r.placementConstraints ?? [] where pc.type != "memberOf" {
            throw ECSError.client("Task definition placement constraints must be of type memberOf.")
        }
        var compat = ["EC2"]
        if networkMode == "awsvpc", let cs = cpu, let ms = memory, fargateSizes[Int(cs) ?? 0]?.contains(Int(ms) ?? 0) == true {
            compat.append("FARGATE")
        }
        return TaskDefinition(
            taskDefinitionArn: "", family: r.family, revision: 0, status: "ACTIVE", containerDefinitions: containers,
            taskRoleArn: r.taskRoleArn, executionRoleArn: r.executionRoleArn, networkMode: networkMode,
            requiresCompatibilities: r.requiresCompatibilities, compatibilities: compat, cpu: cpu, memory: memory,
            placementConstraints: r.placementConstraints, registeredAt: nil, deregisteredAt: nil, registeredBy: nil)
    }
}
