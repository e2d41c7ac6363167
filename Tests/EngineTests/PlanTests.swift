import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct PlanTests {
    @Test func emptyStatePlansCreatesWithUnknownComputedValues() async throws {
        let h = Harness()
        let plan = try await h.engine.plan(stack: shopStack())
        #expect(plan.actions.map(\.action) == [.create, .create, .create, .create])
        #expect(plan.summary == Plan.Summary(add: 4, change: 0, destroy: 0))
        let web = try #require(h.change(plan, "service.web"))
        #expect(web.after?["arn"] == .unknown)
        #expect(web.after?["task_definition"] == .unknown)  // the task definition's arn: known after apply
        #expect(web.after?["cluster"] == .string("main"))     // a configured attribute: known now
        #expect(plan.stateSerial == nil)
    }

    @Test func freshlyAppliedStackPlansNoChanges() async throws {
        // A provider that normalises (sorts a list, fills a default) must not cause a perpetual diff.
        let provider = InMemoryProvider(normalize: { type, attrs in
            var a = attrs
            if type == "cluster", a["tags"] == nil { a["tags"] = .map([:]) }
            if case .list(let xs)? = a["zones"] { a["zones"] = .list(xs.sorted { $0.canonicalJSON < $1.canonicalJSON }) }
            return a
        })
        let h = Harness(provider: provider)
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main"), "size": .number(3.0), "zones": .list([.string("b"), .string("a")])])
        let stack = b.build()
        let first = try await h.apply(stack)
        #expect(first.succeeded)
        #expect(first.added == 1)
        let again = try await h.engine.plan(stack: stack)
        #expect(!again.hasChanges)
        #expect(again.drift.isEmpty)
        #expect(again.changes.map(\.action) == [.noOp])
        // And the full shop stack, with references, secrets and maps.
        let h2 = Harness()
        try await h2.apply(shopStack())
        let plan = try await h2.engine.plan(stack: shopStack())
        #expect(!plan.hasChanges)
        #expect(plan.stateSerial != nil)
    }

    @Test func updateInPlaceNamesTheChangedAttribute() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let plan = try await h.engine.plan(stack: shopStack(count: 5))
        let web = try #require(h.change(plan, "service.web"))
        #expect(web.action == .update)
        #expect(web.changedAttributes == ["desired_count"])
        #expect(web.after?["arn"] == web.before?["arn"])  // computed values stay known on update
        #expect(plan.summary == Plan.Summary(add: 0, change: 1, destroy: 0))
        let result = try await h.engine.apply(plan, stack: shopStack(count: 5))
        #expect(result.changed == 1)
        #expect(h.provider.callCounts.updates == 1)
    }

    @Test func replacementNamesTheAttributeThatForcesIt() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let plan = try await h.engine.plan(stack: shopStack(clusterName: "other"))
        let cluster = try #require(h.change(plan, "cluster.main"))
        #expect(cluster.action == .replace)
        #expect(cluster.replaceBecause == ["name"])
        #expect(!cluster.createBeforeDestroy)
        // The service's cluster changes with it, and `cluster` forces the service's replacement too.
        let web = try #require(h.change(plan, "service.web"))
        #expect(web.action == .replace)
        #expect(web.replaceBecause == ["cluster"])
        #expect(plan.summary == Plan.Summary(add: 2, change: 0, destroy: 2))
        let result = try await h.engine.apply(plan, stack: shopStack(clusterName: "other"))
        #expect(result.succeeded)
        // Destroy-then-create: the old service and cluster are deleted before the new ones exist.
        let log = h.provider.operationLog.filter { $0.phase == .end }.map { "\($0.operation) \($0.address)" }
        let i = { (s: String) in log.lastIndex(of: s) ?? -1 }
        #expect(i("delete service.web") < i("delete cluster.main"))
        #expect(i("delete cluster.main") < i("create cluster.main"))
        #expect(i("create cluster.main") < i("create service.web"))
        #expect(h.provider.objects.filter { $0.type == "cluster" }.map { $0.attributes["name"] } == [.string("other")])
        #expect(!(try await h.engine.plan(stack: shopStack(clusterName: "other"))).hasChanges)
    }

    @Test func immutableTypeIsReplacedCreateBeforeDestroy() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let oldTD = try #require(try await h.state()[addr("task_definition.app")]?.id)
        let plan = try await h.engine.plan(stack: shopStack(image: "nginx:1.26"))
        let td = try #require(h.change(plan, "task_definition.app"))
        #expect(td.action == .replace)
        #expect(td.createBeforeDestroy)
        #expect(td.replacementNoun == "new revision")
        #expect(td.replaceBecause == ["image"])
        let web = try #require(h.change(plan, "service.web"))
        #expect(web.action == .update)  // moves to the new revision in place
        #expect(web.after?["task_definition"] == .unknown)
        let result = try await h.engine.apply(plan, stack: shopStack(image: "nginx:1.26"))
        #expect(result.succeeded)
        let log = h.provider.operationLog.filter { $0.phase == .end }.map { "\($0.operation) \($0.address)" }
        let i = { (s: String) in log.lastIndex(of: s) ?? -1 }
        #expect(i("create task_definition.app") < i("update service.web"))
        #expect(i("update service.web") < i("delete task_definition.app"))
        let state = try await h.state()
        #expect(state.deposed.isEmpty)
        let newTD = try #require(state[addr("task_definition.app")])
        #expect(newTD.id != oldTD)
        #expect(state[addr("service.web")]?.attributes["task_definition"] == newTD.attributes["arn"])
        #expect(h.provider.object(id: oldTD) == nil)
        #expect(!(try await h.engine.plan(stack: shopStack(image: "nginx:1.26"))).hasChanges)
    }

    @Test func deposedObjectLeftByAFailedDeleteIsDeletedNextTime() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let oldTD = try #require(try await h.state()[addr("task_definition.app")]?.id)
        h.provider.fail(.delete, of: addr("task_definition.app"))
        let result = try await h.apply(shopStack(image: "nginx:1.26"))
        #expect(!result.succeeded)
        #expect(try await h.state().deposed.map(\.id) == [oldTD])
        h.provider.clearFailures()
        let plan = try await h.engine.plan(stack: shopStack(image: "nginx:1.26"))
        #expect(plan.actions.count == 1)
        #expect(plan.actions.first?.deposedID == oldTD)
        #expect(plan.actions.first?.action == .delete)
        try await h.engine.apply(plan, stack: shopStack(image: "nginx:1.26"))
        #expect(try await h.state().deposed.isEmpty)
        #expect(h.provider.object(id: oldTD) == nil)
    }

    @Test func deleteWhenRemovedFromConfiguration() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main"), "size": .int(3), "tags": .map([:])])
        let plan = try await h.engine.plan(stack: b.build())
        #expect(plan.summary == Plan.Summary(add: 0, change: 0, destroy: 3))
        let result = try await h.engine.apply(plan, stack: b.build())
        #expect(result.destroyed == 3)
        #expect(try await h.state().resources.keys.map(\.description) == ["cluster.main"])
    }

    @Test func ignoreChangesIsNeverDiffed() async throws {
        let h = Harness()
        let ignoring = Lifecycle(ignoreChanges: [["desired_count"], ["tags", "owner"]])
        try await h.apply(shopStack(serviceLifecycle: ignoring))
        let id = try #require(try await h.state()[addr("service.web")]?.id)
        h.provider.mutate(id: id) {
            $0["desired_count"] = .int(9)
            $0["tags"] = .map(["owner": .string("autoscaler")])
        }
        let plan = try await h.engine.plan(stack: shopStack(count: 4, serviceLifecycle: ignoring))
        #expect(h.change(plan, "service.web")?.action == .noOp)
        // Without ignore_changes, the same drift is a change.
        let strict = try await h.engine.plan(stack: shopStack(count: 4))
        #expect(h.change(strict, "service.web")?.changedAttributes == ["desired_count", "tags"])
    }

    @Test func preventDestroyRefusesDeleteAndReplaceNamingTheAttribute() async throws {
        let h = Harness()
        let keep = Lifecycle(preventDestroy: true)
        var b = StackBuilder(name: "shop")
        b.resource("cluster.main", ["name": .string("main"), "size": .int(1)], lifecycle: keep)
        try await h.apply(b.build())
        var renamed = StackBuilder(name: "shop")
        renamed.resource("cluster.main", ["name": .string("renamed"), "size": .int(1)], lifecycle: keep)
        do {
            _ = try await h.engine.plan(stack: renamed.build())
            Issue.record("replacing a prevent_destroy resource must fail")
        } catch let e as EngineError {
            #expect(e.message.contains("cluster.main"))
            #expect(e.message.contains("prevent_destroy"))
            #expect(e.message.contains("name forces replacement"))
        }
        do {
            _ = try await h.engine.plan(stack: b.build(), options: PlanOptions(destroy: true))
            Issue.record("destroying a prevent_destroy resource must fail")
        } catch let e as EngineError {
            #expect(e.message.contains("cluster.main has lifecycle.prevent_destroy set"))
        }
        // An in-place update is fine.
        var resized = StackBuilder(name: "shop")
        resized.resource("cluster.main", ["name": .string("main"), "size": .int(2)], lifecycle: keep)
        #expect(try await h.engine.plan(stack: resized.build()).summary.change == 1)
    }

    @Test func objectDeletedOutOfBandPlansACreateAndShowsDrift() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let id = try #require(try await h.state()[addr("service.web")]?.id)
        h.provider.remove(id: id)
        let plan = try await h.engine.plan(stack: shopStack())
        #expect(h.change(plan, "service.web")?.action == .create)
        #expect(plan.drift.map(\.kind) == [.deleted])
        #expect(plan.drift.first?.address == addr("service.web"))
        try await h.engine.apply(plan, stack: shopStack())
        #expect(!(try await h.engine.plan(stack: shopStack())).hasChanges)
    }

    @Test func outOfBandChangeIsListedAsDriftAndPlannedBack() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let id = try #require(try await h.state()[addr("service.web")]?.id)
        h.provider.mutate(id: id) { $0["desired_count"] = .int(5) }
        let plan = try await h.engine.plan(stack: shopStack())
        #expect(plan.drift.count == 1)
        #expect(plan.drift.first?.differences == [AttributeDifference(path: "desired_count", before: .int(2), after: .int(5))])
        let web = try #require(h.change(plan, "service.web"))
        #expect(web.action == .update)
        #expect(web.before?["desired_count"] == .int(5))
        #expect(web.after?["desired_count"] == .int(2))
        // --no-refresh does not see it.
        let stale = try await h.engine.plan(stack: shopStack(), options: PlanOptions(refresh: false))
        #expect(!stale.hasChanges)
    }

    @Test func targetsLimitThePlanToTheTargetAndItsDependencies() async throws {
        let h = Harness()
        let plan = try await h.engine.plan(stack: shopStack(), options: PlanOptions(targets: [addr("task_definition.app")]))
        #expect(plan.actions.map(\.address.description) == ["role.app", "task_definition.app"])
        try await h.engine.apply(plan, stack: shopStack())
        #expect(try await h.state().resources.keys.sorted().map(\.description) == ["role.app", "task_definition.app"])
        // A targeted destroy takes what depends on the target with it.
        try await h.apply(shopStack())
        let destroy = try await h.engine.plan(stack: shopStack(), options: PlanOptions(destroy: true, targets: [addr("task_definition.app")]))
        #expect(destroy.actions.map(\.address.description) == ["service.web", "task_definition.app"])
        await #expect(throws: EngineError.self) {
            _ = try await h.engine.plan(stack: shopStack(), options: PlanOptions(targets: [addr("service.nope")]))
        }
    }

    @Test func unknownTypeAndCyclesAreErrors() async throws {
        let h = Harness()
        var b = StackBuilder(name: "shop")
        b.resource("bucket.x", ["name": .string("x")])
        await #expect(throws: EngineError.self) { _ = try await h.engine.plan(stack: b.build()) }
        var c = StackBuilder(name: "shop")
        c.resource("cluster.a", ["name": StackBuilder.ref("cluster.b.name")])
        c.resource("cluster.b", ["name": StackBuilder.ref("cluster.a.name")])
        await #expect(throws: EngineError.self) { _ = try await h.engine.plan(stack: c.build()) }
    }
}

@Suite struct NormalisationTests {
    @Test func secretsReadBackUnmarkedAndUnreportedAttributesDoNotCausePerpetualDiffs() async throws {
        let provider = InMemoryProvider(readTransform: { _, attrs in
            var a = attrs.mapValues { $0.unmarked }  // secrets come back as plain values
            a["tags"] = nil                           // and this provider does not report tags
            return a
        })
        let h = Harness(provider: provider)
        try await h.apply(shopStack())
        let plan = try await h.engine.plan(stack: shopStack())
        #expect(!plan.hasChanges, "\(plan.actions.map { "\($0.address) \($0.changedAttributes)" })")
        #expect(plan.drift.isEmpty)
        // A changed secret is still a change.
        #expect(h.change(try await h.engine.plan(stack: shopStack(password: "new")), "role.app")?.action == .update)
        #expect(!(try h.stateText()).contains("hunter2"))
        #expect(!(try h.stateText()).contains("s3cr3t-token"))
        let drift = try await h.engine.drift(stack: shopStack())
        #expect(drift.inSync)
    }
}
