import Engine
import Foundation
import StackConfig

/// The engine's side of `make bench`: a generated stack of `resources` resources applied from
/// empty, planned with no changes, planned with 10 changes, and checked for drift, on the
/// in-memory provider and a real state file in `directory`.
public enum EngineBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var resources: Int
        public var applyFromEmpty: Duration
        public var stateWrites: Int
        public var planNoChanges: Duration
        public var planTenChanges: Duration
        public var drift: Duration
        /// Parts of the no-change plan: reading the state file, the refresh, the diff alone.
        public var loadState: Duration = .zero
        public var refreshOnly: Duration = .zero
        public var planNoRefresh: Duration = .zero
        public var stateFileBytes: Int
        /// Peak resident memory of the process (VmHWM), in MiB, when readable.
        public var peakMemoryMiB: Double?

        public var description: String {
            func s(_ d: Duration) -> String { String(format: "%.3f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
            return """
            resources:          \(resources)
            apply from empty:   \(s(applyFromEmpty)) (\(stateWrites) state writes, state file \(stateFileBytes / 1024) KiB)
            plan, no changes:   \(s(planNoChanges))
            plan, 10 changes:   \(s(planTenChanges))
            drift:              \(s(drift))
              (state load \(s(loadState)), refresh \(s(refreshOnly)), plan --no-refresh \(s(planNoRefresh)))
            peak memory:        \(peakMemoryMiB.map { String(format: "%.0f MiB", $0) } ?? "n/a")
            """
        }
    }

    /// A stack shaped like a real one: clusters, roles, task definitions referring to roles,
    /// services referring to clusters and task definitions (5% clusters, 5% roles, 45% each).
    public static func stack(resources: Int, countBump: Int = 0, bumped: Int = 0) -> Stack {
        var b = StackBuilder(name: "bench")
        let clusters = max(1, resources / 20), roles = max(1, resources / 20)
        let pairs = max(0, (resources - clusters - roles) / 2)
        for i in 0..<clusters {
            b.resource("cluster.c\(i)", ["name": .string("c\(i)"), "size": .int(3), "tags": .map(["team": .string("t\(i % 7)")])])
        }
        for i in 0..<roles {
            b.resource("role.r\(i)", ["name": .string("r\(i)"), "password": .string("p\(i)"), "tags": .map([:])])
        }
        for i in 0..<pairs {
            b.resource("task_definition.t\(i)", [
                "family": .string("t\(i)"), "image": .string("registry/app\(i):1.0"),
                "role": StackBuilder.ref("role.r\(i % roles).arn"),
                "environment": .map(["PORT": .string("8080"), "MODE": .string("prod")]),
                "secrets": .map([:]),
            ])
            let count = i < bumped ? 2 + countBump : 2
            b.resource("service.s\(i)", [
                "name": .string("s\(i)"), "cluster": StackBuilder.ref("cluster.c\(i % clusters).name"),
                "task_definition": StackBuilder.ref("task_definition.t\(i).arn"),
                "desired_count": .int(count), "tags": .map(["svc": .string("s\(i)")]),
            ])
        }
        return b.build()
    }

    public static func run(resources: Int = 10_000, directory: String, parallelism: Int = 10) async throws -> Figures {
        let provider = InMemoryProvider(keepLog: false)
        let store = FileStateStore(path: directory + "/ecsform.state.json", environment: [:])
        let engine = Engine(provider: provider, store: store)
        let stack = stack(resources: resources)
        let clock = ContinuousClock()

        var writes = 0
        let apply = try await clock.measure {
            let plan = try await engine.plan(stack: stack, options: PlanOptions(parallelism: parallelism))
            let result = try await engine.apply(plan, stack: stack, options: ApplyOptions(parallelism: parallelism))
            guard result.succeeded else { throw EngineError("bench apply failed: \(result.failures.prefix(3))") }
            writes = result.stateWrites
        }
        let noChange = try await clock.measure {
            let plan = try await engine.plan(stack: stack, options: PlanOptions(parallelism: parallelism))
            guard !plan.hasChanges else { throw EngineError("bench: a fresh apply still plans changes") }
        }
        let changed = Self.stack(resources: resources, countBump: 1, bumped: 10)
        let ten = try await clock.measure {
            let plan = try await engine.plan(stack: changed, options: PlanOptions(parallelism: parallelism))
            guard plan.summary.change == 10 else { throw EngineError("bench: expected 10 changes, got \(plan.summary)") }
        }
        let drift = try await clock.measure {
            let report = try await engine.drift(stack: stack, parallelism: parallelism)
            guard report.inSync else { throw EngineError("bench: unexpected drift") }
        }
        var loaded: State?
        let load = try await clock.measure { loaded = try await store.load() }
        let refresh = try await clock.measure { _ = try await engine.refresh(loaded ?? State(stack: "bench"), parallelism: parallelism) }
        let noRefresh = try await clock.measure { _ = try await engine.plan(stack: stack, options: PlanOptions(refresh: false)) }
        let size = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0
        var figures = Figures(resources: stack.resources.count, applyFromEmpty: apply, stateWrites: writes,
                              planNoChanges: noChange, planTenChanges: ten, drift: drift,
                              stateFileBytes: size ?? 0, peakMemoryMiB: peakMemoryMiB())
        figures.loadState = load
        figures.refreshOnly = refresh
        figures.planNoRefresh = noRefresh
        return figures
    }

    static func peakMemoryMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }
}
