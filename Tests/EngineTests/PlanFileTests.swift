import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct PlanFileTests {
    /// A stack whose one file is real, so its hash can be checked.
    func stackWithFile(_ h: Harness, content: String = "stack: shop\n", secret: String = "hunter2") throws -> Stack {
        let file = h.directory + "/shop.yaml"
        if !FileManager.default.fileExists(atPath: file) { try content.write(toFile: file, atomically: true, encoding: .utf8) }
        var b = StackBuilder(name: "shop", directory: h.directory, files: [file],
                             variables: ["image": .string("nginx"), "db_password": .sensitive(.string(secret))])
        b.resource("cluster.main", ["name": .string("main"), "size": .int(1)])
        b.resource("role.app", ["name": .string("app"), "password": .sensitive(.string(secret))])
        return b.build()
    }

    @Test func savedPlanRoundTripsWithoutSecretsAndApplies() async throws {
        let h = Harness()
        let stack = try stackWithFile(h)
        let plan = try await h.engine.plan(stack: stack)
        let path = h.directory + "/plan.json"
        try await h.engine.savePlan(plan, stack: stack, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("hunter2"))
        let saved = try Engine.loadPlan(from: path)
        #expect(saved.variables == ["image": .string("nginx")])
        #expect(saved.sensitiveVariables == ["db_password"])
        #expect(saved.plan.summary == plan.summary)
        #expect(saved.changes.map(\.address) == plan.changes.map(\.address))
        #expect(saved.changes.first?.after?["arn"] == .unknown)
        let fresh = try await h.engine.replan(saved, stack: stack)
        let result = try await h.engine.apply(fresh, stack: stack)
        #expect(result.succeeded)
        #expect(result.added == 2)
    }

    @Test func savedPlanIsRefusedOnceTheStateMovedOn() async throws {
        let h = Harness()
        let stack = try stackWithFile(h)
        let plan = try await h.engine.plan(stack: stack)
        let path = h.directory + "/plan.json"
        try await h.engine.savePlan(plan, stack: stack, to: path)
        try await h.apply(stack)  // serial changes
        let saved = try Engine.loadPlan(from: path)
        await #expect(throws: EngineError.self) { _ = try await h.engine.replan(saved, stack: stack) }
    }

    @Test func savedPlanIsRefusedForAnotherLineage() async throws {
        let h = Harness()
        let stack = try stackWithFile(h)
        try await h.apply(stack)
        let plan = try await h.engine.plan(stack: stack)
        let path = h.directory + "/plan.json"
        try await h.engine.savePlan(plan, stack: stack, to: path)
        var other = try await h.state()
        other.lineage = "another-lineage"
        try await h.store.persist(other)
        other.serial = plan.stateSerial ?? 0
        try await h.store.persist(other)
        do {
            _ = try await h.engine.replan(try Engine.loadPlan(from: path), stack: stack)
            Issue.record("expected a refusal")
        } catch let e as EngineError {
            #expect(e.message.contains("lineage"))
        }
    }

    @Test func savedPlanIsRefusedWhenAStackFileOrVariableChanged() async throws {
        let h = Harness()
        let stack = try stackWithFile(h)
        let plan = try await h.engine.plan(stack: stack)
        let path = h.directory + "/plan.json"
        try await h.engine.savePlan(plan, stack: stack, to: path)
        let saved = try Engine.loadPlan(from: path)
        // A different secret supplied at apply:
        do {
            _ = try await h.engine.replan(saved, stack: try stackWithFile(h, secret: "other"))
            Issue.record("expected a refusal")
        } catch let e as EngineError {
            #expect(e.message.contains("variable values differ"))
            #expect(e.message.contains("db_password"))
        }
        try "stack: shop\n# edited\n".write(toFile: h.directory + "/shop.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try await h.engine.replan(saved, stack: stack)
            Issue.record("expected a refusal")
        } catch let e as EngineError {
            #expect(e.message.contains("shop.yaml changed"))
        }
    }

    @Test func savedPlanIsRefusedWhenTheReplanDiffers() async throws {
        let h = Harness()
        let stack = try stackWithFile(h)
        try await h.apply(stack)
        var b = StackBuilder(name: "shop", directory: h.directory, files: stack.files, variables: stack.variables)
        b.resource("cluster.main", ["name": .string("main"), "size": .int(2)])
        b.resource("role.app", ["name": .string("app"), "password": .sensitive(.string("hunter2"))])
        let plan = try await h.engine.plan(stack: b.build())
        let path = h.directory + "/plan.json"
        try await h.engine.savePlan(plan, stack: b.build(), to: path)
        // Someone deletes the cluster out of band: the same inputs now plan a create.
        let id = try #require(try await h.state()[addr("cluster.main")]?.id)
        h.provider.remove(id: id)
        do {
            _ = try await h.engine.replan(try Engine.loadPlan(from: path), stack: b.build())
            Issue.record("expected a refusal")
        } catch let e as EngineError {
            #expect(e.message.contains("cluster.main now plans create"))
        }
    }
}
