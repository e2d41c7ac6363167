import Testing
@testable import StackConfig

/// One case per rule: a stack, and the `LINE:COLUMN message-start` of the error it must give.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var expected: String
    var testDescription: String { name }
}

let ec2Base = baseStack.replacingOccurrences(of: "    cpu: 256\n    memory: 512\n", with: "    compatibilities: [ec2]\n")
    + "    launch_type: ec2\n"

let ruleCases: [RuleCase] = [
    RuleCase(name: "unknown key with suggestion", text: baseStack + "    desird_count: 2\n",
             expected: "14:5 unknown key `desird_count` in service; did you mean `desired_count`?"),
    RuleCase(name: "unknown section", text: "service:\n  web: {}\n",
             expected: "1:1 unknown section `service`; did you mean `services`?"),
    RuleCase(name: "quoted number is text", text: baseStack + "    desired_count: \"2\"\n",
             expected: "14:20 `desired_count` must be a whole number of at least 0, found the quoted text \"2\"; remove the quotes"),
    RuleCase(name: "yes is not a boolean", text: baseStack + "    wait_for_steady_state: yes\n",
             expected: "14:28 `wait_for_steady_state` must be `true` or `false`, found the text `yes`"),
    RuleCase(name: "number where text is needed", text: baseStack + "    name: 12\n",
             expected: "14:11 `name` must be a name"),
    RuleCase(name: "bad resource name", text: "clusters:\n  9lives: {}\n",
             expected: "2:3 `9lives` is not a valid cluster name"),
    RuleCase(name: "missing required key", text: "services:\n  web:\n    cluster: x\n",
             expected: "2:3 service is missing the required key `task_definition`"),
    RuleCase(name: "instances only with ec2", text: "clusters:\n  main:\n    instances: {count: 2}\n",
             expected: "3:5 `instances` is only allowed with `capacity: ec2`"),
    RuleCase(name: "max_session_seconds range", text: "task_roles:\n  app: {max_session_seconds: 60}\n",
             expected: "2:30 `max_session_seconds` must be a whole number from 900 to 43200, not 60"),
    RuleCase(name: "port range", text: ec2Base.replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n        ports: [{container: 70000}]"),
             expected: "9:29 `containers.0.ports.0.container` must be a whole number from 1 to 65535, not 70000"),
    RuleCase(name: "percent range", text: baseStack + "    deployment: {maximum_percent: 250}\n",
             expected: "14:35 `deployment.maximum_percent` must be a whole number from 100 to 200, not 250"),
    RuleCase(name: "health check range", text: ec2Base.replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n        health_check: {command: [CMD], retries: 0}"),
             expected: "9:49 `containers.0.health_check.retries` must be a whole number from 1 to 10, not 0"),
    RuleCase(name: "fargate pair", text: baseStack.replacingOccurrences(of: "memory: 512", with: "memory: 8192"),
             expected: "6:13 with `cpu: 256` Fargate allows `memory` from 512 to 2048 MiB, not 8192"),
    RuleCase(name: "fargate cpu value", text: baseStack.replacingOccurrences(of: "cpu: 256", with: "cpu: 300"),
             expected: "5:10 Fargate task `cpu` must be one of 256, 512, 1024, 2048, 4096, not 300"),
    RuleCase(name: "fargate needs cpu and memory", text: baseStack.replacingOccurrences(of: "    cpu: 256\n    memory: 512\n", with: ""),
             expected: "4:3 a Fargate task definition needs `cpu` and `memory`"),
    RuleCase(name: "fargate needs awsvpc", text: baseStack.replacingOccurrences(of: "cpu: 256", with: "cpu: 256\n    network_mode: host"),
             expected: "6:19 Fargate requires `network_mode: awsvpc`, not `host`"),
    RuleCase(name: "launch type vs compatibilities", text: ec2Base.replacingOccurrences(of: "launch_type: ec2", with: "launch_type: fargate"),
             expected: "13:18 launch type `fargate` is not among task_definition.web's compatibilities [ec2]"),
    RuleCase(name: "duplicate container names", text: ec2Base.replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n      - {name: web, image: x}"),
             expected: "9:16 container name `web` is used twice"),
    RuleCase(name: "an essential container", text: ec2Base.replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n        essential: false"),
             expected: "6:5 at least one container must be essential"),
    RuleCase(name: "memory sum", text: ec2Base.replacingOccurrences(of: "compatibilities: [ec2]", with: "compatibilities: [ec2]\n    memory: 256")
                .replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n        memory: 300"),
             expected: "6:13 the containers' `memory` adds up to 300 MiB, more than the task's `memory: 256`"),
    RuleCase(name: "binpack field", text: ec2Base + "    placement: {strategy: [{type: binpack, field: disk}]}\n",
             expected: "14:51 a binpack strategy needs `field: cpu` or `field: memory`, not `disk`"),
    RuleCase(name: "spread needs field", text: ec2Base + "    placement:\n      strategy:\n        - type: spread\n",
             expected: "16:11 a spread strategy needs a `field`"),
    RuleCase(name: "memberOf needs expression", text: ec2Base + "    placement:\n      constraints:\n        - type: memberOf\n",
             expected: "16:11 a memberOf constraint needs an `expression`"),
    RuleCase(name: "ignore_changes names attributes", text: baseStack + "    lifecycle: {ignore_changes: [arn]}\n",
             expected: "14:34 `ignore_changes` names `arn`, but a service has no attribute `arn`"),
    RuleCase(name: "depends_on target exists", text: baseStack + "    depends_on: [cluster.mian]\n",
             expected: "14:18 `depends_on` names `cluster.mian`, which is not declared; did you mean `cluster.main`?"),
    RuleCase(name: "depends_on type exists", text: baseStack + "    depends_on: [clusters.main]\n",
             expected: "14:18 `clusters.main` is not an address"),
    RuleCase(name: "reference to a missing attribute path", text: baseStack + "    tags: {x: \"${task_definition.web.containers.0.imag}\"}\n",
             expected: "14:16 `${task_definition.web.containers.0.imag}`: `containers.0` has no `imag`; did you mean `image`?"),
    RuleCase(name: "sensitive output", text: "variables:\n  pw: {type: string, sensitive: true, default: x}\noutputs:\n  o: {value: \"${var.pw}\"}\n",
             expected: "4:14 output `o` is computed from a sensitive variable; add `sensitive: true` to the output"),
    RuleCase(name: "sensitive attribute output", text: "variables:\n  pw: {type: string, sensitive: true, default: x}\n" + baseStack
                + "    tags: {pw: \"${var.pw}\"}\noutputs:\n  o: {value: \"${service.web.tags.pw}\"}\n",
             expected: "18:14 output `o` is computed from `service.web.tags.pw`, which is sensitive"),
    RuleCase(name: "daemon on fargate", text: baseStack + "    scheduling_strategy: daemon\n",
             expected: "14:26 a daemon service runs one task per container instance"),
    RuleCase(name: "network none has no ports", text: ec2Base.replacingOccurrences(of: "compatibilities: [ec2]", with: "compatibilities: [ec2]\n    network_mode: none")
                .replacingOccurrences(of: "image: nginx:1.27", with: "image: nginx:1.27\n        ports: [{container: 80}]"),
             expected: "10:9 a task with `network_mode: none` cannot map ports"),
]

@Suite struct ValidationTests {
    @Test(arguments: ruleCases)
    func ruleReportsAtTheRightPlace(_ c: RuleCase) throws {
        let (stack, d) = try load(c.text)
        #expect(stack == nil)
        let found = errors(d)
        #expect(found.contains { $0.hasPrefix(c.expected) }, "\(c.name): got \(found)")
    }

    @Test func validStackHasNoDiagnostics() throws {
        let (stack, d) = try load(baseStack)
        #expect(d.isEmpty)
        #expect(stack?.resources.count == 3)
    }

    @Test func allProblemsAreReportedSortedByFileAndLine() throws {
        let s = try TempStack([
            "a.yaml": "clusters:\n  main: {capacity: spot}\n",
            "b.yaml": "task_roles:\n  app: {max_session_seconds: 1}\nclusters:\n  main: {}\n",
        ])
        defer { s.remove() }
        let (_, d) = s.load()
        let places = d.sorted.compactMap { $0.subject }.map { "\(NSStringLike(text: $0.file).lastComponent):\($0.line)" }
        #expect(places == ["a.yaml:2", "b.yaml:2", "b.yaml:4"])
    }

    @Test func sameNameInTwoFilesNamesBothPlaces() throws {
        let s = try TempStack(["a.yaml": baseStack, "b.yaml": "clusters:\n  other: {}\n  main: {}\n"])
        defer { s.remove() }
        let (_, d) = s.load()
        let e = try #require(d.sorted.first { $0.severity == .error })
        #expect(e.subject?.file == s.path("b.yaml"))
        #expect(e.subject?.line == 3)
        #expect(e.message.contains(s.path("a.yaml") + ":2:3"))
        #expect(e.notes.first?.range.file == s.path("a.yaml"))
    }

    @Test func missingAndEmptyDirectoriesAreClearErrors() throws {
        let (_, missing) = StackLoader().load(directory: "/nonexistent/stack", variables: VariableInputs())
        #expect(errors(missing) == ["stack directory `/nonexistent/stack` does not exist; give the directory holding your *.yaml stack files"])
        let empty = try TempStack([:])
        defer { empty.remove() }
        let (_, d) = empty.load()
        #expect(errors(d).first?.hasPrefix("no stack files in") == true)
    }

    @Test func aBrokenFileDoesNotStopTheOthers() throws {
        let s = try TempStack(["a.yaml": "clusters: [\n", "b.yaml": "clusters:\n  main: {capacity: spot}\n"])
        defer { s.remove() }
        let (_, d) = s.load()
        #expect(Set(d.sorted.compactMap { $0.subject?.file }) == [s.path("a.yaml"), s.path("b.yaml")])
    }

    @Test func containerDependsOnProblemsPointAtTheNamedContainer() throws {
        let text = """
        task_definitions:
          web:
            compatibilities: [ec2]
            containers:
              - name: web
                image: nginx
                depends_on:
                  - {container: web, condition: START}
                  - {container: side, condition: START}
                  - {container: migrat, condition: SUCCESS}
              - {name: side, image: side, essential: false}

        """
        let (_, d) = try load(text)
        let found = errors(d)
        #expect(found.count == 2)
        #expect(found.first?.hasPrefix("8:") == true && found.first?.contains("container `web` cannot depend on itself") == true)
        #expect(found.last?.hasPrefix("10:") == true && found.last?.contains("names container `migrat`, which is not in this task definition") == true)
    }
}

/// `lastPathComponent` without Foundation in the test's signature.
struct NSStringLike {
    let text: String
    var lastComponent: String { text.split(separator: "/").last.map(String.init) ?? text }
}
