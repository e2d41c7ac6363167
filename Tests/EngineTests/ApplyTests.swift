import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct ApplyTests {
    @Test func applyWritesStateOutputsAndReportsProgress() async throws {
        let h = Harness()
        let events = EventBox()
        let plan = try await h.engine.plan(stack: shopStack())
        let result = try await h.engine.apply(plan, stack: shopStack(), options: ApplyOptions(), events: { events.add($0) })
        #expect(result.succeeded)
        #expect(result.added == 4)
        #expect(result.stateWrites >= 1)
        let state = try await h.state()
        #expect(state.resources.count == 4)
        #expect(state.serial >= 1)
        #expect(state.outputs["service_arn"]?.value == state[addr("service.web")]?.attributes["arn"])
        #expect(state.outputs["role_password"]?.sensitive == true)
        let started = events.all.filter { if case .started = $0 { return true } else { return false } }
        let completed = events.all.filter { if case .completed = $0 { return true } else { return false } }
        #expect(started.count == 4)
        #expect(completed.count == 4)
    }

    @Test func progressIsReportedWhileAStepRuns() async throws {
        let h = Harness(provider: InMemoryProvider(latency: .seconds(3)))
        let events = EventBox()
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main")])
        let plan = try await h.engine.plan(stack: b.build())
        _ = try await h.engine.apply(plan, stack: b.build(), options: ApplyOptions(progressInterval: .milliseconds(50)),
                                     events: { events.add($0) })
        let still = events.all.filter { if case .stillRunning = $0 { return true } else { return false } }
        #expect(!still.isEmpty)
    }

    @Test func partialFailureKeepsCompletedWorkAndContinuesIndependentBranches() async throws {
        let h = Harness()
        var b = StackBuilder(name: "shop")
        b.resource("cluster.a", ["name": .string("a")])
        b.resource("service.a", ["name": .string("sa"), "cluster": StackBuilder.ref("cluster.a.name")])
        b.resource("cluster.b", ["name": .string("b")])
        b.resource("service.b", ["name": .string("sb"), "cluster": StackBuilder.ref("cluster.b.name")])
        b.resource("service.b2", ["name": .string("sb2"), "cluster": StackBuilder.ref("cluster.b.name")])
        h.provider.fail(.create, of: addr("cluster.b"), message: "capacity exhausted")
        let result = try await h.apply(b.build())
        #expect(!result.succeeded)
        #expect(result.failures.map(\.address) == [addr("cluster.b")])
        #expect(result.failures.first?.message == "capacity exhausted")
        #expect(Set(result.skipped.keys.map(\.address)) == [addr("service.b"), addr("service.b2")])
        let state = try await h.state()
        #expect(Set(state.resources.keys) == [addr("cluster.a"), addr("service.a")])
        // The next apply finishes the job.
        h.provider.clearFailures()
        let second = try await h.apply(b.build())
        #expect(second.succeeded)
        #expect(second.added == 3)
        #expect(h.provider.objects.count == 5)
    }

    @Test func parallelWalkRespectsDependenciesAndTheLimit() async throws {
        let provider = InMemoryProvider(latency: .milliseconds(5))
        let h = Harness(provider: provider)
        var b = StackBuilder(name: "wide")
        for c in 0..<4 {
            b.resource("cluster.c\(c)", ["name": .string("c\(c)")])
            for s in 0..<6 {
                b.resource("service.s\(c)_\(s)", ["name": .string("s\(c)_\(s)"), "cluster": StackBuilder.ref("cluster.c\(c).name")])
            }
        }
        let stack = b.build()
        let result = try await h.apply(stack, parallelism: 3)
        #expect(result.succeeded)
        #expect(result.added == 28)
        #expect(provider.callCounts.maxConcurrent <= 3)
        #expect(provider.callCounts.maxConcurrent > 1)
        let log = provider.operationLog
        for r in stack.resources {
            guard let start = log.firstIndex(where: { $0.phase == .start && $0.address == r.address }) else {
                Issue.record("\(r.address) never started"); continue
            }
            for d in r.dependencies {
                let end = log.firstIndex { $0.phase == .end && $0.address == d }
                #expect(end != nil && end! < start, "\(r.address) started before \(d) finished")
            }
        }
    }

    @Test func destroyRunsInReverseDependencyOrder() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let plan = try await h.engine.plan(stack: shopStack(), options: PlanOptions(destroy: true))
        #expect(plan.summary == Plan.Summary(add: 0, change: 0, destroy: 4))
        let result = try await h.engine.apply(plan, stack: shopStack())
        #expect(result.destroyed == 4)
        let deletes = h.provider.operationLog.filter { $0.phase == .start && $0.operation == .delete }.map(\.address.description)
        let i = { (s: String) in deletes.firstIndex(of: s) ?? -1 }
        #expect(i("service.web") < i("task_definition.app"))
        #expect(i("service.web") < i("cluster.main"))
        #expect(i("task_definition.app") < i("role.app"))
        let state = try await h.state()
        #expect(state.resources.isEmpty)
        #expect(state.outputs.isEmpty)
        #expect(h.provider.objects.isEmpty)
    }

    @Test func applyRefusesAPlanWhoseStateMovedOn() async throws {
        let h = Harness()
        let plan = try await h.engine.plan(stack: shopStack())
        try await h.apply(shopStack(count: 3))
        await #expect(throws: EngineError.self) { _ = try await h.engine.apply(plan, stack: shopStack()) }
    }

    @Test func everyCompletedResourceIsOnDiskAfterApply() async throws {
        let h = Harness()
        var b = StackBuilder(name: "many")
        for i in 0..<50 { b.resource("cluster.c\(i)", ["name": .string("c\(i)")]) }
        let result = try await h.apply(b.build())
        #expect(result.succeeded)
        let onDisk = try await h.state()
        #expect(onDisk.resources.count == 50)
        #expect(onDisk.serial == result.state.serial)
        // Coalesced: fewer writes than resources is allowed, but never zero.
        #expect(result.stateWrites >= 1 && result.stateWrites <= 51)
    }
}

final class EventBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ApplyEvent] = []
    func add(_ e: ApplyEvent) { lock.withLock { items.append(e) } }
    var all: [ApplyEvent] { lock.withLock { items } }
}

@Suite struct CrashRecoveryTests {
    @Test func aCreateWhoseResultWasLostIsNotDuplicated() async throws {
        let h = Harness()
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main")])
        b.resource("task_definition.app", ["family": .string("app"), "image": .string("nginx")])
        try await h.apply(b.build())
        // As if the process died after the provider created the objects but before state recorded them.
        try await h.engine.removeFromState([addr("cluster.main"), addr("task_definition.app")])
        let again = try await h.apply(b.build())
        #expect(again.succeeded)
        #expect(h.provider.callCounts.creates == 2)
        #expect(h.provider.objects.count == 2)
        #expect(try await h.state().resources.count == 2)
    }

    @Test func theFirstApplyFixesTheLineageBeforeCreating() async throws {
        let h = Harness()
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main")])
        h.provider.fail(.create, of: addr("cluster.main"))
        _ = try await h.apply(b.build())
        let lineage = try await h.state().lineage
        h.provider.clearFailures()
        try await h.apply(b.build())
        #expect(try await h.state().lineage == lineage)
    }
}
