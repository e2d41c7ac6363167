import Foundation

/// Stored bodies that can be read with `JSONCursor` instead of JSONDecoder: the models a
/// batch read returns by the thousand. Each reader follows the synthesized Codable keys (the
/// property names) and optionality exactly; `decodeBody` falls back to JSONDecoder on anything
/// unexpected, so a body decodes to the same value, or fails with the same error, as before.
protocol FastBodyDecodable: Decodable {
    init(cursor c: inout JSONCursor) throws
}

extension FastBodyDecodable {
    static func decodeBody(_ data: Data, fallback: JSONDecoder) throws -> Self {
        if let v = try? JSONCursor.read(data, { try Self(cursor: &$0) }) { return v }
        return try fallback.decode(Self.self, from: data)
    }

    static func required<T>(_ v: T?) throws -> T {
        guard let v else { throw JSONCursor.Mismatch() }
        return v
    }
}

extension Tag: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var key: String?, value: String?
        try c.object { c, k in
            switch k {
            case "key": key = try c.string()
            case "value": value = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(key: try Self.required(key), value: value)
    }
}

extension IAMTag: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var key: String?, value: String?
        try c.object { c, k in
            switch k {
            case "Key": key = try c.string()
            case "Value": value = try c.string()
            default: try c.skip()
            }
        }
        self.init(Key: try Self.required(key), Value: try Self.required(value))
    }
}

extension KeyValuePair: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, value: String?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "value": value = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), value: value)
    }
}

extension ClusterSetting: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, value: String?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "value": value = try c.string()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), value: try Self.required(value))
    }
}

extension Cluster: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, name: String?, status: String?
        var instances: Int?, running: Int?, pending: Int?, services: Int?
        var settings: [ClusterSetting]?, tags: [Tag]?, providers: [String]?
        try c.object { c, k in
            switch k {
            case "clusterArn": arn = try c.string()
            case "clusterName": name = try c.string()
            case "status": status = try c.string()
            case "registeredContainerInstancesCount": instances = try c.int()
            case "runningTasksCount": running = try c.int()
            case "pendingTasksCount": pending = try c.int()
            case "activeServicesCount": services = try c.int()
            case "settings": settings = try c.optionalList { try ClusterSetting(cursor: &$0) }
            case "tags": tags = try c.optionalList { try Tag(cursor: &$0) }
            case "capacityProviders": providers = try c.optionalStrings()
            default: try c.skip()
            }
        }
        self.init(clusterArn: try Self.required(arn), clusterName: try Self.required(name), status: try Self.required(status),
                  registeredContainerInstancesCount: try Self.required(instances), runningTasksCount: try Self.required(running),
                  pendingTasksCount: try Self.required(pending), activeServicesCount: try Self.required(services),
                  settings: settings, tags: tags, capacityProviders: providers)
    }
}

extension Resource: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, type: String?, integer: Int?, long: Int64?, double: Double?, set: [String]?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "type": type = try c.string()
            case "integerValue": integer = try c.optionalInt()
            case "longValue": long = try c.optionalInt().map(Int64.init)
            case "doubleValue": double = try c.null() ? nil : try c.double()
            case "stringSetValue": set = try c.optionalStrings()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), type: try Self.required(type), integerValue: integer, stringSetValue: set)
        longValue = long
        doubleValue = double
    }
}

extension Attribute: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, value: String?, targetType: String?, targetId: String?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "value": value = try c.optionalString()
            case "targetType": targetType = try c.optionalString()
            case "targetId": targetId = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), value: value, targetType: targetType, targetId: targetId)
    }
}

extension ContainerInstance: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, ec2: String?, version: Int?, status: String?, reason: String?, connected: Bool?
        var running: Int?, pending: Int?, registered: [Resource]?, remaining: [Resource]?
        var attributes: [Attribute]?, registeredAt: Date?, tags: [Tag]?
        try c.object { c, k in
            switch k {
            case "containerInstanceArn": arn = try c.string()
            case "ec2InstanceId": ec2 = try c.optionalString()
            case "version": version = try c.int()
            case "status": status = try c.string()
            case "statusReason": reason = try c.optionalString()
            case "agentConnected": connected = try c.bool()
            case "runningTasksCount": running = try c.int()
            case "pendingTasksCount": pending = try c.int()
            case "registeredResources": registered = try c.list { try Resource(cursor: &$0) }
            case "remainingResources": remaining = try c.list { try Resource(cursor: &$0) }
            case "attributes": attributes = try c.optionalList { try Attribute(cursor: &$0) }
            case "registeredAt": registeredAt = try c.optionalDate()
            case "tags": tags = try c.optionalList { try Tag(cursor: &$0) }
            default: try c.skip()
            }
        }
        self.init(containerInstanceArn: try Self.required(arn), ec2InstanceId: ec2, version: try Self.required(version),
                  status: try Self.required(status), statusReason: reason, agentConnected: try Self.required(connected),
                  runningTasksCount: try Self.required(running), pendingTasksCount: try Self.required(pending),
                  registeredResources: try Self.required(registered), remainingResources: try Self.required(remaining),
                  attributes: attributes, registeredAt: registeredAt, tags: tags)
    }
}

extension DeploymentCircuitBreaker: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var enable: Bool?, rollback: Bool?
        try c.object { c, k in
            switch k {
            case "enable": enable = try c.bool()
            case "rollback": rollback = try c.bool()
            default: try c.skip()
            }
        }
        self.init(enable: try Self.required(enable), rollback: try Self.required(rollback))
    }
}

extension DeploymentConfiguration: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var breaker: DeploymentCircuitBreaker?, maximum: Int?, minimum: Int?
        try c.object { c, k in
            switch k {
            case "deploymentCircuitBreaker": breaker = try c.null() ? nil : try DeploymentCircuitBreaker(cursor: &c)
            case "maximumPercent": maximum = try c.optionalInt()
            case "minimumHealthyPercent": minimum = try c.optionalInt()
            default: try c.skip()
            }
        }
        self.init(deploymentCircuitBreaker: breaker, maximumPercent: maximum, minimumHealthyPercent: minimum)
    }
}

extension Deployment: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var id: String?, status: String?, td: String?, desired: Int?, pending: Int?, running: Int?, failed: Int?
        var created: Date?, updated: Date?, launchType: String?, rollout: String?, reason: String?
        try c.object { c, k in
            switch k {
            case "id": id = try c.string()
            case "status": status = try c.string()
            case "taskDefinition": td = try c.string()
            case "desiredCount": desired = try c.int()
            case "pendingCount": pending = try c.int()
            case "runningCount": running = try c.int()
            case "failedTasks": failed = try c.int()
            case "createdAt": created = try c.optionalDate()
            case "updatedAt": updated = try c.optionalDate()
            case "launchType": launchType = try c.optionalString()
            case "rolloutState": rollout = try c.optionalString()
            case "rolloutStateReason": reason = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(id: try Self.required(id), status: try Self.required(status), taskDefinition: try Self.required(td),
                  desiredCount: try Self.required(desired), pendingCount: try Self.required(pending),
                  runningCount: try Self.required(running), failedTasks: try Self.required(failed),
                  createdAt: created, updatedAt: updated, launchType: launchType, rolloutState: rollout, rolloutStateReason: reason)
    }
}

extension ServiceEvent: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var id: String?, created: Date?, message: String?
        try c.object { c, k in
            switch k {
            case "id": id = try c.string()
            case "createdAt": created = try c.date()
            case "message": message = try c.string()
            default: try c.skip()
            }
        }
        self.init(id: try Self.required(id), createdAt: try Self.required(created), message: try Self.required(message))
    }
}

extension PlacementConstraint: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var type: String?, expression: String?
        try c.object { c, k in
            switch k {
            case "type": type = try c.string()
            case "expression": expression = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(type: try Self.required(type), expression: expression)
    }
}

extension PlacementStrategy: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var type: String?, field: String?
        try c.object { c, k in
            switch k {
            case "type": type = try c.string()
            case "field": field = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(type: try Self.required(type), field: field)
    }
}

extension Service: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, name: String?, cluster: String?, status: String?
        var desired: Int?, running: Int?, pending: Int?, launchType: String?, td: String?
        var config: DeploymentConfiguration?, deployments: [Deployment]?, events: [ServiceEvent]?
        var constraints: [PlacementConstraint]?, strategy: [PlacementStrategy]?, scheduling: String?
        var created: Date?, createdBy: String?, tags: [Tag]?, propagate: String?, managed: Bool?, grace: Int?
        try c.object { c, k in
            switch k {
            case "serviceArn": arn = try c.string()
            case "serviceName": name = try c.string()
            case "clusterArn": cluster = try c.string()
            case "status": status = try c.string()
            case "desiredCount": desired = try c.int()
            case "runningCount": running = try c.int()
            case "pendingCount": pending = try c.int()
            case "launchType": launchType = try c.optionalString()
            case "taskDefinition": td = try c.string()
            case "deploymentConfiguration": config = try c.null() ? nil : try DeploymentConfiguration(cursor: &c)
            case "deployments": deployments = try c.list { try Deployment(cursor: &$0) }
            case "events": events = try c.list { try ServiceEvent(cursor: &$0) }
            case "placementConstraints": constraints = try c.optionalList { try PlacementConstraint(cursor: &$0) }
            case "placementStrategy": strategy = try c.optionalList { try PlacementStrategy(cursor: &$0) }
            case "schedulingStrategy": scheduling = try c.string()
            case "createdAt": created = try c.optionalDate()
            case "createdBy": createdBy = try c.optionalString()
            case "tags": tags = try c.optionalList { try Tag(cursor: &$0) }
            case "propagateTags": propagate = try c.optionalString()
            case "enableECSManagedTags": managed = try c.optionalBool()
            case "healthCheckGracePeriodSeconds": grace = try c.optionalInt()
            default: try c.skip()
            }
        }
        self.init(serviceArn: try Self.required(arn), serviceName: try Self.required(name), clusterArn: try Self.required(cluster),
                  status: try Self.required(status), desiredCount: try Self.required(desired), runningCount: try Self.required(running),
                  pendingCount: try Self.required(pending), launchType: launchType, taskDefinition: try Self.required(td),
                  deploymentConfiguration: config, deployments: try Self.required(deployments), events: try Self.required(events),
                  placementConstraints: constraints, placementStrategy: strategy, schedulingStrategy: try Self.required(scheduling),
                  createdAt: created, createdBy: createdBy, tags: tags, propagateTags: propagate, enableECSManagedTags: managed,
                  healthCheckGracePeriodSeconds: grace)
    }
}

extension PortMapping: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var container: Int?, host: Int?, proto: String?, name: String?
        try c.object { c, k in
            switch k {
            case "containerPort": container = try c.optionalInt()
            case "hostPort": host = try c.optionalInt()
            case "protocol": proto = try c.optionalString()
            case "name": name = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(containerPort: container, hostPort: host, protocol: proto, name: name)
    }
}

extension SecretReference: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, valueFrom: String?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "valueFrom": valueFrom = try c.string()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), valueFrom: try Self.required(valueFrom))
    }
}

extension HealthCheck: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var command: [String]?, interval: Int?, timeout: Int?, retries: Int?, start: Int?
        try c.object { c, k in
            switch k {
            case "command": command = try c.strings()
            case "interval": interval = try c.optionalInt()
            case "timeout": timeout = try c.optionalInt()
            case "retries": retries = try c.optionalInt()
            case "startPeriod": start = try c.optionalInt()
            default: try c.skip()
            }
        }
        self.init(command: try Self.required(command), interval: interval, timeout: timeout, retries: retries, startPeriod: start)
    }
}

extension ContainerDefinition: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var name: String?, image: String?, cpu: Int?, memory: Int?, reservation: Int?, essential: Bool?
        var ports: [PortMapping]?, command: [String]?, entryPoint: [String]?, environment: [KeyValuePair]?
        var secrets: [SecretReference]?, health: HealthCheck?, workdir: String?, labels: [String: String]?, links: [String]?
        try c.object { c, k in
            switch k {
            case "name": name = try c.string()
            case "image": image = try c.string()
            case "cpu": cpu = try c.optionalInt()
            case "memory": memory = try c.optionalInt()
            case "memoryReservation": reservation = try c.optionalInt()
            case "essential": essential = try c.optionalBool()
            case "portMappings": ports = try c.optionalList { try PortMapping(cursor: &$0) }
            case "command": command = try c.optionalStrings()
            case "entryPoint": entryPoint = try c.optionalStrings()
            case "environment": environment = try c.optionalList { try KeyValuePair(cursor: &$0) }
            case "secrets": secrets = try c.optionalList { try SecretReference(cursor: &$0) }
            case "healthCheck": health = try c.null() ? nil : try HealthCheck(cursor: &c)
            case "workingDirectory": workdir = try c.optionalString()
            case "dockerLabels":
                if try c.null() { labels = nil; break }
                var m: [String: String] = [:]
                try c.object { c, key in m[key] = try c.string() }
                labels = m
            case "links": links = try c.optionalStrings()
            default: try c.skip()
            }
        }
        self.init(name: try Self.required(name), image: try Self.required(image), cpu: cpu, memory: memory,
                  memoryReservation: reservation, essential: essential, portMappings: ports, command: command,
                  entryPoint: entryPoint, environment: environment, secrets: secrets, healthCheck: health,
                  workingDirectory: workdir, dockerLabels: labels, links: links)
    }
}

extension TaskDefinitionPlacementConstraint: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var type: String?, expression: String?
        try c.object { c, k in
            switch k {
            case "type": type = try c.string()
            case "expression": expression = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(type: try Self.required(type), expression: expression)
    }
}

extension TaskDefinition: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, family: String?, revision: Int?, status: String?, containers: [ContainerDefinition]?
        var taskRole: String?, executionRole: String?, network: String?, requires: [String]?, compat: [String]?
        var cpu: String?, memory: String?, constraints: [TaskDefinitionPlacementConstraint]?
        var registeredAt: Date?, deregisteredAt: Date?, registeredBy: String?
        try c.object { c, k in
            switch k {
            case "taskDefinitionArn": arn = try c.string()
            case "family": family = try c.string()
            case "revision": revision = try c.int()
            case "status": status = try c.string()
            case "containerDefinitions": containers = try c.list { try ContainerDefinition(cursor: &$0) }
            case "taskRoleArn": taskRole = try c.optionalString()
            case "executionRoleArn": executionRole = try c.optionalString()
            case "networkMode": network = try c.optionalString()
            case "requiresCompatibilities": requires = try c.optionalStrings()
            case "compatibilities": compat = try c.optionalStrings()
            case "cpu": cpu = try c.optionalString()
            case "memory": memory = try c.optionalString()
            case "placementConstraints": constraints = try c.optionalList { try TaskDefinitionPlacementConstraint(cursor: &$0) }
            case "registeredAt": registeredAt = try c.optionalDate()
            case "deregisteredAt": deregisteredAt = try c.optionalDate()
            case "registeredBy": registeredBy = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(taskDefinitionArn: try Self.required(arn), family: try Self.required(family), revision: try Self.required(revision),
                  status: try Self.required(status), containerDefinitions: try Self.required(containers), taskRoleArn: taskRole,
                  executionRoleArn: executionRole, networkMode: network, requiresCompatibilities: requires, compatibilities: compat,
                  cpu: cpu, memory: memory, placementConstraints: constraints, registeredAt: registeredAt,
                  deregisteredAt: deregisteredAt, registeredBy: registeredBy)
    }
}

extension Role: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var path: String?, name: String?, id: String?, arn: String?, created: Date?, trust: String?
        var description: String?, maxSession: Int?, tags: [IAMTag]?
        try c.object { c, k in
            switch k {
            case "Path": path = try c.string()
            case "RoleName": name = try c.string()
            case "RoleId": id = try c.string()
            case "Arn": arn = try c.string()
            case "CreateDate": created = try c.date()
            case "AssumeRolePolicyDocument": trust = try c.optionalString()
            case "Description": description = try c.optionalString()
            case "MaxSessionDuration": maxSession = try c.int()
            case "Tags": tags = try c.optionalList { try IAMTag(cursor: &$0) }
            default: try c.skip()
            }
        }
        self.init(Path: try Self.required(path), RoleName: try Self.required(name), RoleId: try Self.required(id),
                  Arn: try Self.required(arn), CreateDate: try Self.required(created), AssumeRolePolicyDocument: trust,
                  Description: description, MaxSessionDuration: try Self.required(maxSession), Tags: tags)
    }
}

extension SecretMetadata: FastBodyDecodable {
    init(cursor c: inout JSONCursor) throws {
        var arn: String?, name: String?, description: String?, created: Date?, changed: Date?, version: String?
        try c.object { c, k in
            switch k {
            case "ARN": arn = try c.string()
            case "Name": name = try c.string()
            case "Description": description = try c.optionalString()
            case "CreatedDate": created = try c.date()
            case "LastChangedDate": changed = try c.date()
            case "VersionId": version = try c.optionalString()
            default: try c.skip()
            }
        }
        self.init(ARN: try Self.required(arn), Name: try Self.required(name), Description: description,
                  CreatedDate: try Self.required(created), LastChangedDate: try Self.required(changed), VersionId: version)
    }
}
