import Foundation
import Testing
@testable import Orchestrator

/// A clock that advances one second per reading, so times are deterministic and ordered.
final class TickingClock: Sendable {
    private let counter = Counter()
    func callAsFunction() -> Date { Date(timeIntervalSince1970: 1_700_000_000 + Double(counter.next())) }

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

func temporaryStore() -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("ecsform-simruntime-\(UUID().uuidString)")
        .appendingPathExtension("sqlite")
}

@Suite struct SimulatedRuntimeTests {
    let web = ContainerSpec(
        name: "ecs-web-1-app", image: "nginx:1.27", command: ["nginx", "-g", "daemon off;"],
        environment: ["DB_PASSWORD": "hunter2"], portBindings: [.init(containerPort: 80, hostPort: 8080)],
        cpuShares: 256, memoryLimitMiB: 512, labels: ["ecsform.task": "t-1", "ecsform.cluster": "dev"],
        healthCheck: .init(command: ["CMD-SHELL", "curl -f http://localhost/"]))

    func runtime(_ path: URL? = nil) throws -> SimulatedRuntime {
        let clock = TickingClock()
        return try SimulatedRuntime(path: path, now: { clock() })
    }

    @Test func lifecycleCreateStartStopRemove() async throws {
        let runtime = try runtime()
        let id = try await runtime.create(web)
        #expect(id == "sim-000001")
        var info = try await runtime.inspect(id)
        #expect(info.state == .created && info.health == .none && info.exitCode == nil && info.startedAt == nil)
        try await runtime.start(id)
        info = try await runtime.inspect("ecs-web-1-app")
        #expect(info.state == .running && info.health == .healthy && info.startedAt != nil)
        await #expect(throws: ContainerRuntimeError.invalidState(id: id, state: .running, operation: "remove")) {
            try await runtime.remove(id, force: false)
        }
        try await runtime.stop(id, timeout: .seconds(10))
        info = try await runtime.inspect(id)
        #expect(info.state == .exited && info.exitCode == 0 && info.finishedAt != nil)
        try await runtime.remove(id, force: false)
        await #expect(throws: ContainerRuntimeError.noSuchContainer(id)) { try await runtime.inspect(id) }
    }

    @Test func noHealthCheckMeansHealthNone() async throws {
        let runtime = try runtime()
        var spec = web
        spec.healthCheck = nil
        let id = try await runtime.create(spec)
        try await runtime.start(id)
        #expect(try await runtime.inspect(id).health == .none)
    }

    @Test func namesAreUniqueAndSpecsChecked() async throws {
        let runtime = try runtime()
        _ = try await runtime.create(web)
        await #expect(throws: ContainerRuntimeError.nameConflict(web.name)) { _ = try await runtime.create(web) }
        var bad = web
        bad.name = "other"
        bad.image = ""
        await #expect(throws: ContainerRuntimeError.self) { _ = try await runtime.create(bad) }
    }

    @Test func listFiltersByEveryLabel() async throws {
        let runtime = try runtime()
        _ = try await runtime.create(web)
        var other = web
        other.name = "other"
        other.labels = ["ecsform.task": "t-2", "ecsform.cluster": "dev"]
        _ = try await runtime.create(other)
        #expect(try await runtime.list(labels: [:]).map(\.name) == ["ecs-web-1-app", "other"])
        #expect(try await runtime.list(labels: ["ecsform.cluster": "dev"]).count == 2)
        #expect(try await runtime.list(labels: ["ecsform.cluster": "dev", "ecsform.task": "t-2"]).map(\.name) == ["other"])
        #expect(try await runtime.list(labels: ["ecsform.cluster": "prod"]).isEmpty)
    }

    @Test func logsAreDeterministicAndHoldNoSecrets() async throws {
        let runtime = try runtime()
        let id = try await runtime.create(web)
        try await runtime.start(id)
        try await runtime.forceExit(id, code: 3)
        let lines = try await runtime.logs(id, tail: nil).map(\.text)
        #expect(lines == [
            "simulated: created ecs-web-1-app from nginx:1.27",
            "simulated: running nginx -g daemon off;",
            "simulated: exited with code 3",
        ])
        #expect(try await runtime.logs(id, tail: 1).map(\.text) == ["simulated: exited with code 3"])
        #expect(try await runtime.inspect(id).exitCode == 3)
    }

    @Test func environmentValuesAreNeverPersisted() async throws {
        let path = temporaryStore()
        defer { try? FileManager.default.removeItem(at: path) }
        let runtime = try runtime(path)
        _ = try await runtime.create(web)
        let bytes = try Data(contentsOf: path) + ((try? Data(contentsOf: URL(fileURLWithPath: path.path + "-wal"))) ?? Data())
        #expect(!String(decoding: bytes, as: UTF8.self).contains("hunter2"))
    }

    @Test func directControls() async throws {
        let runtime = try runtime()
        let id = try await runtime.create(web)
        await #expect(throws: ContainerRuntimeError.self) { try await runtime.setHealth(id, .unhealthy) }
        try await runtime.start(id)
        try await runtime.setHealth(id, .unhealthy)
        #expect(try await runtime.inspect(id).health == .unhealthy)
        try await runtime.forceExit(id, code: 137)
        let info = try await runtime.inspect(id)
        #expect(info.state == .exited && info.exitCode == 137)
        // Restarting an exited container runs it again.
        try await runtime.start(id)
        #expect(try await runtime.inspect(id).state == .running)
    }
}
