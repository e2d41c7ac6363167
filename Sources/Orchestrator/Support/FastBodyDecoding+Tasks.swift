import Foundation

// Hand-written readers for task bodies, which the controller reads on every pass. A task
// with RunTask `overrides` is left to JSONDecoder (the fallback): those are rare.

extension ECSTask: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, cluster: String?, definition: String?, instance: String?, last: String?, desired: String?
        var containers: [Container]?, cpu: String?, memory: String?, launchType: String?, startedBy: String?, group: String?
        var created: Date?, started: Date?, stopping: Date?, stopped: Date?, pullStarted: Date?, executionStopped: Date?
        var stopCode: String?, stoppedReason: String?, health: String?, version: Int?, tags: [Tag]?
        try c.object { c, k in
            switch k {
            case "taskArn": arn = try c.string()
            case "clusterArn": cluster = try c.string()
            case "taskDefinitionArn": definition = try c.string()
            case "containerInstanceArn": instance = try c.optionalString()
            case "lastStatus": last = try c.string()
            case "desiredStatus": desired = try c.string()
            case "containers": containers = try c.list { try Container(cursor: &$0) }
            case "cpu": cpu = try c.optionalString()
            case "memory": memory = try c.optionalString()
            case "launchType": launchType = try c.string()
            case "startedBy": startedBy = try c.optionalString()
            case "group": group = try c.optionalString()
            case "createdAt": created = try c.optionalDate()
            case "startedAt": started = try c.optionalDate()
            case "stoppingAt": stopping = try c.optionalDate()
            case "stoppedAt": stopped = try c.optionalDate()
            case "pullStartedAt": pullStarted = try c.optionalDate()
            case "executionStoppedAt": executionStopped = try c.optionalDate()
            case "stopCode": stopCode = try c.optionalString()
            case "stoppedReason": stoppedReason = try c.optionalString()
            case "healthStatus": health = try c.optionalString()
            case "version": version = try c.int()
            case "tags": tags = try c.optionalList { try Tag(cursor: &$0) }
            case "overrides": guard try c.null() else { throw JSONCursor.Mismatch() }
            default: try c.skip()
            }
        }
        self.init(taskArn: try Self.required(arn), clusterArn: try Self.required(cluster), taskDefinitionArn: try Self.required(definition),
                  containerInstanceArn: instance, lastStatus: try Self.required(last), desiredStatus: try Self.required(desired),
                  containers: try Self.required(containers), cpu: cpu, memory: memory, launchType: try Self.required(launchType),
                  startedBy: startedBy, group: group, createdAt: created, startedAt: started, stoppingAt: stopping, stoppedAt: stopped,
                  pullStartedAt: pullStarted, executionStoppedAt: executionStopped, stopCode: stopCode, stoppedReason: stoppedReason,
                  healthStatus: health, version: try Self.required(version), tags: tags, overrides: nil)
    }
}

extension Container: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, task: String?, name: String?, image: String?, last: String?, exitCode: Int?, reason: String?
        var health: String?, runtimeId: String?, bindings: [NetworkBinding]?, cpu: String?, memory: String?
        try c.object { c, k in
            switch k {
            case "containerArn": arn = try c.string()
            case "taskArn": task = try c.string()
            case "name": name = try c.string()
            case "image": image = try c.string()
            case "lastStatus": last = try c.string()
            case "exitCode": exitCode = try c.optionalInt()
            case "reason": reason = try c.optionalString()
            case "healthStatus": health = try c.optionalString()
            case "runtimeId": runtimeId = try c.optionalString()
            case "networkBindings": bindings = try c.optionalList { try NetworkBinding(cursor: &$0) }
            case "cpu": cpu = try c.optionalString()
            case "memory": memory = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(containerArn: try Self.required(arn), taskArn: try Self.required(task), name: try Self.required(name),
                  image: try Self.required(image), lastStatus: try Self.required(last), exitCode: exitCode, reason: reason,
                  healthStatus: health, runtimeId: runtimeId, networkBindings: bindings, cpu: cpu, memory: memory)
    }
}

extension NetworkBinding: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var ip: String?, containerPort: Int?, hostPort: Int?, proto: String?
        try c.object { c, k in
            switch k {
            case "bindIP": ip = try c.optionalString()
            case "containerPort": containerPort = try c.optionalInt()
            case "hostPort": hostPort = try c.optionalInt()
            case "protocol": proto = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(bindIP: ip, containerPort: containerPort, hostPort: hostPort, protocol: proto)
    }
}
