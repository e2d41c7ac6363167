import Testing
@testable import StackConfig

@Suite struct GraphTests {
    @Test func referencesAndDependsOnAreEdges() throws {
        let (stack, d) = try load(baseStack + "    depends_on: [task_role.app]\ntask_roles:\n  app: {}\n")
        #expect(errors(d) == [])
        let graph = try #require(stack?.graph)
        let web = ResourceAddress(type: "service", name: "web")
        #expect(graph.dependencies(of: web).map(\.description) == ["cluster.main", "task_definition.web", "task_role.app"])
        let order = try #require(graph.topologicalOrder()).map(\.description)
        #expect(order.last == "service.web")
    }

    @Test func cycleIsReportedAtAReferenceAndListsTheWholeCycle() throws {
        let text = baseStack + """
            tags: {next: "${service.b.name}"}
          b:
            cluster: ${cluster.main.name}
            task_definition: ${task_definition.web.arn}
            depends_on: [service.c]
          c:
            cluster: ${cluster.main.name}
            task_definition: ${task_definition.web.arn}
            tags: {back: "${service.web.id}"}

        """
        let (stack, d) = try load(text)
        #expect(stack == nil)
        let e = try #require(d.sorted.first { $0.severity == .error })
        #expect(e.message.contains("service.b -> service.c -> service.web -> service.b")
                || e.message.contains("service.web -> service.b -> service.c -> service.web")
                || e.message.contains("service.c -> service.web -> service.b -> service.c"))
        #expect(e.subject != nil)
        #expect(e.notes.count == 2)
    }

    @Test func independentCyclesAreAllReported() throws {
        let text = "clusters:\n  a: {depends_on: [cluster.b]}\n  b: {depends_on: [cluster.a]}\n  c: {depends_on: [cluster.d]}\n  d: {depends_on: [cluster.c]}\n"
        let (_, d) = try load(text)
        #expect(errors(d).filter { $0.contains("dependency cycle") }.count == 2)
    }

    @Test func layersAreDependencyOrdered() throws {
        let graph = DependencyGraph(
            nodes: [.init(type: "service", name: "a"), .init(type: "cluster", name: "c")],
            dependencies: [.init(type: "service", name: "a"): [.init(type: "cluster", name: "c")]])
        #expect(graph.layers()?.map { $0.map(\.description) } == [["cluster.c"], ["service.a"]])
        #expect(graph.findCycle() == nil)
    }

    @Test func layersOfADiamondAreSortedAndACycleHasNone() {
        func a(_ s: String) -> ResourceAddress { ResourceAddress(parsing: s) ?? ResourceAddress(type: "bad", name: s) }
        let diamond = DependencyGraph(
            nodes: [a("cluster.z"), a("task_role.r")],
            dependencies: [a("service.top"): [a("task_definition.b"), a("task_definition.a")],
                           a("task_definition.a"): [a("cluster.z")],
                           a("task_definition.b"): [a("cluster.z"), a("task_role.r")]])
        #expect(diamond.layers()?.map { $0.map(\.description) }
                == [["cluster.z", "task_role.r"], ["task_definition.a", "task_definition.b"], ["service.top"]])
        let cycle = DependencyGraph(nodes: [a("cluster.x")],
                                    dependencies: [a("service.a"): [a("service.b")], a("service.b"): [a("service.a")]])
        #expect(cycle.layers() == nil)
    }
}
