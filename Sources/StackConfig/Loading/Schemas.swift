/// The shape of every section (stack-format.md), with the defaults of resource-attributes.md.
enum Schemas {
    static let topLevelKeys = ["stack", "variables", "clusters", "task_roles", "task_definitions", "services", "outputs"]

    static func shape(of type: ResourceType) -> ObjectShape {
        switch type {
        case .cluster: return cluster
        case .taskRole: return taskRole
        case .taskDefinition: return taskDefinition
        case .service: return service
        }
    }

    private static let meta: [Field] = [
        Field("depends_on", .any, .meta),
        Field("lifecycle", .any, .meta),
    ]

    static let lifecycle = ObjectShape("lifecycle block", [
        Field("ignore_changes", .stringList(nonEmpty: false), .optional(.list([]))),
        Field("prevent_destroy", .bool, .optional(.bool(false))),
    ])

    static let cluster = ObjectShape("cluster", [
        Field("name", .name, .computed),
        Field("capacity", .oneOf(["ec2", "fargate"]), .optional(.string("fargate"))),
        Field("instances", .object(ObjectShape("instances block", [
            Field("count", .integer(min: 0, max: nil), .optional(.int(1))),
            Field("cpu", .integer(min: 128, max: nil), .optional(.int(2048))),
            Field("memory", .integer(min: 128, max: nil), .optional(.int(4096))),
            Field("attributes", .scalarMap, .optional(.map([:]))),
        ])), .optional(.null)),
        Field("settings", .object(ObjectShape("settings block", [
            Field("container_insights", .bool, .optional(.bool(false))),
        ])), .optional(.map(["container_insights": .bool(false)]))),
        Field("tags", .scalarMap, .optional(.map([:]))),
    ] + meta)

    static let taskRole = ObjectShape("task role", [
        Field("name", .name, .computed),
        Field("description", .string(nonEmpty: false), .optional(.string(""))),
        Field("policies", .list(.object(ObjectShape("policy statement", [
            Field("effect", .oneOf(["allow", "deny"]), .optional(.string("allow"))),
            Field("actions", .stringList(nonEmpty: true), .required),
            Field("resources", .stringList(nonEmpty: true), .required),
        ])), nonEmpty: false), .optional(.list([]))),
        Field("max_session_seconds", .integer(min: 900, max: 43200), .optional(.int(3600))),
        Field("tags", .scalarMap, .optional(.map([:]))),
    ] + meta)

    static let healthCheck = ObjectShape("health check", [
        Field("command", .stringList(nonEmpty: true), .required),
        Field("interval", .integer(min: 5, max: 300), .optional(.int(30))),
        Field("timeout", .integer(min: 2, max: 60), .optional(.int(5))),
        Field("retries", .integer(min: 1, max: 10), .optional(.int(3))),
        Field("start_period", .integer(min: 0, max: 300), .optional(.int(0))),
    ])

    static let container = ObjectShape("container", [
        Field("name", .name, .required),
        Field("image", .string(nonEmpty: true), .required),
        Field("essential", .bool, .optional(.bool(true))),
        Field("command", .stringList(nonEmpty: false), .optional(.list([]))),
        Field("entry_point", .stringList(nonEmpty: false), .optional(.list([]))),
        Field("working_directory", .string(nonEmpty: false), .optional(.null)),
        Field("ports", .list(.object(ObjectShape("port mapping", [
            Field("container", .integer(min: 1, max: 65535), .required),
            Field("host", .integer(min: 0, max: 65535), .computed),
            Field("protocol", .oneOf(["tcp", "udp"]), .optional(.string("tcp"))),
        ])), nonEmpty: false), .optional(.list([]))),
        Field("environment", .scalarMap, .optional(.map([:]))),
        Field("secrets", .secretMap, .optional(.map([:]))),
        Field("cpu", .integer(min: 0, max: nil), .optional(.int(0))),
        Field("memory", .integer(min: 6, max: nil), .optional(.null)),
        Field("memory_reservation", .integer(min: 6, max: nil), .optional(.null)),
        Field("depends_on", .list(.object(ObjectShape("container dependency", [
            Field("container", .name, .required),
            Field("condition", .oneOf(["START", "COMPLETE", "SUCCESS", "HEALTHY"]), .optional(.string("START"))),
        ])), nonEmpty: false), .optional(.list([]))),
        Field("health_check", .object(healthCheck), .optional(.null)),
    ])

    static let taskDefinition = ObjectShape("task definition", [
        Field("family", .name, .computed),
        Field("compatibilities", .list(.oneOf(["ec2", "fargate"]), nonEmpty: true), .optional(.list([.string("fargate")]))),
        Field("network_mode", .oneOf(["bridge", "host", "awsvpc", "none"]), .computed),
        Field("cpu", .integer(min: 128, max: nil), .optional(.null)),
        Field("memory", .integer(min: 128, max: nil), .optional(.null)),
        Field("task_role", .string(nonEmpty: true), .optional(.null)),
        Field("containers", .list(.object(container), nonEmpty: true), .required),
        Field("tags", .scalarMap, .optional(.map([:]))),
    ] + meta)

    static let placementStrategy = ObjectShape("placement strategy", [
        Field("type", .oneOf(["spread", "binpack", "random"]), .required),
        Field("field", .string(nonEmpty: true), .optional(.null)),
    ])

    static let placementConstraint = ObjectShape("placement constraint", [
        Field("type", .oneOf(["distinctInstance", "memberOf"]), .required),
        Field("expression", .string(nonEmpty: true), .optional(.null)),
    ])

    static let service = ObjectShape("service", [
        Field("name", .name, .computed),
        Field("cluster", .string(nonEmpty: true), .required),
        Field("task_definition", .string(nonEmpty: true), .required),
        Field("desired_count", .integer(min: 0, max: nil), .computed),
        Field("launch_type", .oneOf(["ec2", "fargate"]), .optional(.string("fargate"))),
        Field("scheduling_strategy", .oneOf(["replica", "daemon"]), .optional(.string("replica"))),
        Field("deployment", .object(ObjectShape("deployment block", [
            Field("minimum_healthy_percent", .integer(min: 0, max: 100), .optional(.int(100))),
            Field("maximum_percent", .integer(min: 100, max: 200), .optional(.int(200))),
            Field("circuit_breaker", .object(ObjectShape("circuit breaker", [
                Field("enable", .bool, .optional(.bool(false))),
                Field("rollback", .bool, .optional(.bool(false))),
            ])), .optional(.map(["enable": .bool(false), "rollback": .bool(false)]))),
        ])), .optional(.map([
            "minimum_healthy_percent": .int(100), "maximum_percent": .int(200),
            "circuit_breaker": .map(["enable": .bool(false), "rollback": .bool(false)]),
        ]))),
        Field("placement", .object(ObjectShape("placement block", [
            Field("strategy", .list(.object(placementStrategy), nonEmpty: false), .optional(.list([]))),
            Field("constraints", .list(.object(placementConstraint), nonEmpty: false), .optional(.list([]))),
        ])), .optional(.map(["strategy": .list([]), "constraints": .list([])]))),
        Field("load_balancer", .object(ObjectShape("load balancer", [
            Field("container", .name, .required),
            Field("container_port", .integer(min: 1, max: 65535), .required),
            Field("listener_port", .integer(min: 1, max: 65535), .required),
        ])), .optional(.null)),
        Field("wait_for_steady_state", .bool, .optional(.bool(true))),
        Field("tags", .scalarMap, .optional(.map([:]))),
    ] + meta)

    static let output = ObjectShape("output", [
        Field("value", .any, .required),
        Field("description", .string(nonEmpty: false), .optional(.null)),
        Field("sensitive", .bool, .optional(.bool(false))),
    ])

    static let variable = ObjectShape("variable", [
        Field("type", .oneOf(["string", "number", "bool", "list", "map"]), .required),
        Field("default", .any, .optional(.null)),
        Field("description", .string(nonEmpty: false), .optional(.null)),
        Field("sensitive", .bool, .optional(.bool(false))),
    ])
}
