import ECSFormTesting
import Engine
import Foundation
import StackConfig

/// A temporary directory with a file state store, an in-memory provider and an engine.
struct Harness {
    let directory: String
    let store: FileStateStore
    let provider: InMemoryProvider
    let engine: Engine
    var statePath: String { store.path }

    init(provider: InMemoryProvider = InMemoryProvider(), warn: @escaping @Sendable (String) -> Void = { _ in }) {
        directory = NSTemporaryDirectory() + "ecsform-engine-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = FileStateStore(path: directory + "/ecsform.state.json", environment: [:], warn: warn)
        self.provider = provider
        engine = Engine(provider: provider, store: store)
    }

    /// Plans and applies, as `ecsform apply --auto-approve` does.
    @discardableResult
    func apply(_ stack: Stack, options: PlanOptions = PlanOptions(), parallelism: Int = 10) async throws -> ApplyResult {
        let plan = try await engine.plan(stack: stack, options: options)
        return try await engine.apply(plan, stack: stack, options: ApplyOptions(parallelism: parallelism))
    }

    func state() async throws -> State {
        guard let s = try await store.load() else { throw EngineError("no state") }
        return s
    }

    func stateText() throws -> String { try String(contentsOfFile: statePath, encoding: .utf8) }

    func change(_ plan: Plan, _ address: String) -> ResourceChange? {
        plan.changes.first { $0.address.description == address && $0.deposedID == nil }
    }
}

func addr(_ s: String) -> ResourceAddress { ResourceAddress(parsing: s) ?? ResourceAddress(type: "bad", name: s) }

/// cluster.main ← task_definition.app ← service.web (and role.app for the task definition).
func shopStack(image: String = "nginx:1.25", count: Int = 2, password: String = "hunter2",
               serviceLifecycle: Lifecycle = Lifecycle(), clusterName: String = "main") -> Stack {
    var b = StackBuilder(name: "shop")
    b.resource("cluster.main", ["name": .string(clusterName), "size": .int(3), "tags": .map([:])])
    b.resource("role.app", ["name": .string("app"), "password": .sensitive(.string(password)), "tags": .map([:])])
    b.resource("task_definition.app", [
        "family": .string("app"), "image": .string(image), "role": StackBuilder.ref("role.app.arn"),
        "environment": .map(["B": .string("2"), "A": .string("1")]),
        "secrets": .map(["TOKEN": .sensitive(.string("s3cr3t-token"))]),
    ])
    b.resource("service.web", [
        "name": .string("web"), "cluster": StackBuilder.ref("cluster.main.name"),
        "task_definition": StackBuilder.ref("task_definition.app.arn"),
        "desired_count": .int(count), "tags": .map([:]),
    ], lifecycle: serviceLifecycle)
    b.output("service_arn", StackBuilder.ref("service.web.arn"))
    b.output("role_password", StackBuilder.ref("role.app.password"), sensitive: true)
    return b.build()
}
