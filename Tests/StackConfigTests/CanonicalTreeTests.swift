import Testing
@testable import StackConfig

@Suite struct CanonicalTreeTests {
    func attributes(_ text: String, _ address: String) throws -> [String: Value] {
        let (stack, d) = try load(text)
        #expect(errors(d) == [])
        let parsed = try #require(ResourceAddress(parsing: address))
        return try #require(stack?[parsed]?.attributes)
    }

    @Test func clusterDefaults() throws {
        let a = try attributes("clusters:\n  prod: {}\n", "cluster.prod")
        #expect(Value.map(a) == .map([
            "name": .string("prod"), "capacity": .string("fargate"), "instances": .null,
            "settings": .map(["container_insights": .bool(false)]), "tags": .map([:]),
        ]))
        let ec2 = try attributes("clusters:\n  prod: {capacity: ec2, instances: {count: 2}, tags: {n: 1}}\n", "cluster.prod")
        #expect(ec2["instances"] == .map(["count": .number(2), "cpu": .number(2048), "memory": .number(4096), "attributes": .map([:])]))
        #expect(ec2["tags"] == .map(["n": .string("1")]))
    }

    @Test func taskRoleDefaults() throws {
        let a = try attributes("task_roles:\n  app:\n    policies:\n      - {actions: [\"s3:Get\"], resources: [\"*\"]}\n", "task_role.app")
        #expect(Value.map(a) == .map([
            "name": .string("app"), "description": .string(""), "max_session_seconds": .number(3600), "tags": .map([:]),
            "policies": .list([.map(["effect": .string("allow"), "actions": .list([.string("s3:Get")]), "resources": .list([.string("*")])])]),
        ]))
    }

    @Test func taskDefinitionDefaults() throws {
        let a = try attributes("""
        task_definitions:
          web:
            compatibilities: [fargate, ec2]
            cpu: 256
            memory: 512
            containers:
              - name: web
                image: nginx
                ports: [{container: 80}]
                secrets: {PW: abc}

        """, "task_definition.web")
        #expect(a["family"] == .string("web"))
        #expect(a["compatibilities"] == .list([.string("ec2"), .string("fargate")]))
        #expect(a["network_mode"] == .string("awsvpc"))
        #expect(a["task_role"] == .null)
        #expect(a["tags"] == .map([:]))
        let c = try #require(a["containers"]?.listValue?.first)
        #expect(c == .map([
            "name": .string("web"), "image": .string("nginx"), "essential": .bool(true),
            "command": .list([]), "entry_point": .list([]), "working_directory": .null,
            "ports": .list([.map(["container": .number(80), "host": .number(80), "protocol": .string("tcp")])]),
            "environment": .map([:]), "secrets": .map(["PW": .sensitive(.string("abc"))]),
            "cpu": .number(0), "memory": .null, "memory_reservation": .null,
            "depends_on": .list([]), "health_check": .null,
        ]))
    }

    @Test func bridgeModeDefaultsHostPortToZero() throws {
        let a = try attributes("""
        task_definitions:
          web:
            compatibilities: [ec2]
            containers:
              - name: web
                image: nginx
                ports: [{container: 80}]
                health_check: {command: [CMD, "true"]}
                depends_on: [{container: side}]
              - {name: side, image: envoy}

        """, "task_definition.web")
        #expect(a["network_mode"] == .string("bridge"))
        let c = try #require(a["containers"]?.listValue?.first?.mapValue)
        #expect(c["ports"] == .list([.map(["container": .number(80), "host": .number(0), "protocol": .string("tcp")])]))
        #expect(c["health_check"] == .map(["command": .list([.string("CMD"), .string("true")]), "interval": .number(30),
                                           "timeout": .number(5), "retries": .number(3), "start_period": .number(0)]))
        #expect(c["depends_on"] == .list([.map(["container": .string("side"), "condition": .string("START")])]))
    }

    @Test func serviceDefaults() throws {
        let a = try attributes(baseStack, "service.web")
        #expect(a["name"] == .string("web"))
        #expect(a["desired_count"] == .number(1))
        #expect(a["launch_type"] == .string("fargate"))
        #expect(a["scheduling_strategy"] == .string("replica"))
        #expect(a["deployment"] == .map(["minimum_healthy_percent": .number(100), "maximum_percent": .number(200),
                                         "circuit_breaker": .map(["enable": .bool(false), "rollback": .bool(false)])]))
        #expect(a["placement"] == .map(["strategy": .list([]), "constraints": .list([])]))
        #expect(a["load_balancer"] == .null)
        #expect(a["wait_for_steady_state"] == .bool(true))
        #expect(a["tags"] == .map([:]))
        #expect(a.count == 11)
    }

    @Test func daemonServiceHasNoDesiredCount() throws {
        let text = baseStack.replacingOccurrences(of: "    cpu: 256\n    memory: 512\n", with: "    compatibilities: [ec2]\n")
            + "    launch_type: ec2\n    scheduling_strategy: daemon\n    desired_count: 4\n"
        let (stack, d) = try load(text)
        #expect(errors(d) == [])
        #expect(d.items.contains { $0.severity == .warning && $0.message.contains("ignored for a daemon") })
        #expect(stack?[ResourceAddress(type: "service", name: "web")]?.attributes["desired_count"] == .number(0))
    }

    @Test func placementItemsKeepOrderAndNullFields() throws {
        let text = baseStack.replacingOccurrences(of: "    cpu: 256\n    memory: 512\n", with: "    compatibilities: [ec2]\n")
            + "    launch_type: ec2\n    placement:\n      strategy: [{type: spread, field: \"attribute:zone\"}, {type: random}]\n      constraints: [{type: distinctInstance}]\n"
        let a = try attributes(text, "service.web")
        #expect(a["placement"] == .map([
            "strategy": .list([.map(["type": .string("spread"), "field": .string("attribute:zone")]), .map(["type": .string("random"), "field": .null])]),
            "constraints": .list([.map(["type": .string("distinctInstance"), "expression": .null])]),
        ]))
    }

    @Test func lifecycleAndDependsOnStayOutOfTheTree() throws {
        let (stack, d) = try load(baseStack + "    lifecycle: {ignore_changes: [desired_count, tags.owner], prevent_destroy: true}\n")
        #expect(errors(d) == [])
        let web = try #require(stack?[ResourceAddress(type: "service", name: "web")])
        #expect(web.attributes["lifecycle"] == nil)
        #expect(web.lifecycle.ignoreChanges == [["desired_count"], ["tags", "owner"]])
        #expect(web.lifecycle.preventDestroy)
    }

    @Test func stackNameDefaultsToTheDirectory() throws {
        let (stack, _) = try load(baseStack)
        #expect(stack?.name.hasPrefix("stackconfig-tests-") == true)
        let (named, _) = try load("stack: shop\n" + baseStack)
        #expect(named?.name == "shop")
    }
}
