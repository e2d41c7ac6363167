import Foundation
import Testing
@testable import Orchestrator

@Suite struct SimulatedRuntimeFaultTests {
    func spec(_ name: String, _ image: String) -> ContainerSpec {
        ContainerSpec(name: name, image: image, healthCheck: .init(command: ["CMD", "true"]))
    }

    @Test func failToStartIsAPullErrorAndUsedUpAfterItsTimes() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        let rule = try await runtime.addFaultRule(
            FaultRule(image: "registry.local/", imageMatch: .prefix, mode: .failToStart(reason: "not found"), times: 1))
        #expect(rule.id != nil)
        let first = try await runtime.create(spec("a", "registry.local/app:1"))
        await #expect(throws: ContainerRuntimeError.imagePullFailed(image: "registry.local/app:1", reason: "not found")) {
            try await runtime.start(first)
        }
        let failed = try await runtime.inspect(first)
        #expect(failed.state == .created && failed.error == "CannotPullContainerError: not found")
        #expect(try await runtime.faultRules().first?.remaining == 0)
        let second = try await runtime.create(spec("b", "registry.local/app:1"))
        try await runtime.start(second)
        #expect(try await runtime.inspect(second).state == .running)
    }

    /// The batched start gives what one `createAndStart` per container would: a group stops at
    /// its first failure and removes what it had started; other groups go on; the infos it
    /// returns are what `inspect` reads back; a taken name fails its group only.
    @Test func groupsStartLikeOneContainerAtATime() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        try await runtime.addFaultRule(FaultRule(image: "broken", mode: .failToStart(reason: "not found"), times: 1))
        try await runtime.addFaultRule(FaultRule(containerName: "t3-crash", mode: .exitAfterStart(exitCode: 3)))
        _ = try await runtime.create(ContainerSpec(name: "t4-taken", image: "nginx"))
        var labelled = spec("t1-a", "nginx")
        labelled.labels = ["task": "t1"]
        labelled.portBindings = [.init(containerPort: 80, hostPort: 8080)]
        let results = await runtime.createAndStart(groups: [
            [labelled, spec("t1-b", "nginx")],
            [spec("t2-a", "nginx"), spec("t2-b", "broken"), spec("t2-c", "nginx")],
            [spec("t3-crash", "nginx")],
            [spec("t4-a", "nginx"), spec("t4-taken", "nginx")],
        ])
        #expect(results.map(\.count) == [2, 2, 1, 2])
        for case .success(let info) in results[0] { #expect(try await runtime.inspect(info.id) == info) }
        guard case .success(let a)? = results[0].first else { Issue.record("t1-a did not start"); return }
        #expect(a.state == .running && a.labels == ["task": "t1"] && a.portBindings == labelled.portBindings)
        #expect(throws: (any Error).self) { try results[1][1].get() }
        guard case .success(let t3)? = results[2].first else { Issue.record("t3 did not start"); return }
        #expect(t3.state == .exited && t3.exitCode == 3)
        #expect(try await runtime.inspect(t3.id) == t3)
        guard case .failure(let taken)? = results[3].last else { Issue.record("a taken name started"); return }
        #expect(taken as? ContainerRuntimeError == .nameConflict("t4-taken"))
        // Only the first group, t3 and the container created beforehand remain.
        let names = Set(try await runtime.list(labels: [:]).map(\.name))
        #expect(names == ["t1-a", "t1-b", "t3-crash", "t4-taken"])
        #expect(try await runtime.faultRules().first?.remaining == 0)
    }

    @Test func exitAfterStartAppliesForeverToMatchingNames() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        try await runtime.addFaultRule(FaultRule(containerName: "crash", nameMatch: .prefix, mode: .exitAfterStart(exitCode: 2)))
        for name in ["crash-1", "crash-2"] {
            let id = try await runtime.create(spec(name, "busybox"))
            try await runtime.start(id)
            let info = try await runtime.inspect(id)
            #expect(info.state == .exited && info.exitCode == 2)
        }
        let fine = try await runtime.create(spec("fine", "busybox"))
        try await runtime.start(fine)
        #expect(try await runtime.inspect(fine).state == .running)
        #expect(try await runtime.faultRules().first?.remaining == nil)
    }

    @Test func imageAndNameMustBothMatch() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        try await runtime.addFaultRule(FaultRule(image: "nginx", containerName: "web", mode: .becomeUnhealthy))
        let other = try await runtime.create(spec("api", "nginx"))
        try await runtime.start(other)
        #expect(try await runtime.inspect(other).health == .healthy)
        let web = try await runtime.create(spec("web", "nginx"))
        try await runtime.start(web)
        let info = try await runtime.inspect(web)
        #expect(info.state == .running && info.health == .unhealthy)
    }

    @Test func rulesCanBeListedRemovedAndCleared() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        await #expect(throws: ContainerRuntimeError.self) {
            try await runtime.addFaultRule(FaultRule(mode: .becomeUnhealthy))
        }
        await #expect(throws: ContainerRuntimeError.self) {
            try await runtime.addFaultRule(FaultRule(image: "x", mode: .becomeUnhealthy, times: 0))
        }
        let a = try await runtime.addFaultRule(FaultRule(image: "x", mode: .becomeUnhealthy, times: 2))
        try await runtime.addFaultRule(FaultRule(image: "y", mode: .exitAfterStart(exitCode: 9)))
        #expect(try await runtime.faultRules().map(\.image) == ["x", "y"])
        #expect(try await runtime.faultRules().first == a)
        #expect(try await runtime.removeFaultRule(id: a.id ?? -1))
        #expect(try await !runtime.removeFaultRule(id: a.id ?? -1))
        #expect(try await runtime.faultRules().map(\.image) == ["y"])
        try await runtime.clearFaultRules()
        #expect(try await runtime.faultRules().isEmpty)
    }

    @Test func containersAndFaultsPersistAcrossInstancesOnOneFile() async throws {
        let path = temporaryStore()
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path.path + suffix) }
        }
        let first = try SimulatedRuntime(path: path)
        let id = try await first.create(ContainerSpec(name: "web", image: "nginx", labels: ["ecsform.task": "t-1"]))
        try await first.start(id)
        try await first.addFaultRule(FaultRule(image: "bad", mode: .failToStart(reason: "denied"), times: 1))

        // A second process (here: a second instance) adopts the container and hits the fault.
        let second = try SimulatedRuntime(path: path)
        let adopted = try await second.list(labels: ["ecsform.task": "t-1"])
        #expect(adopted.map(\.id) == [id])
        #expect(adopted.first?.state == .running)
        let bad = try await second.create(ContainerSpec(name: "bad", image: "bad"))
        #expect(bad == "sim-000002")
        await #expect(throws: ContainerRuntimeError.self) { try await second.start(bad) }
        #expect(try await first.faultRules().first?.remaining == 0)
        try await first.stop(id, timeout: .seconds(1))
        #expect(try await second.inspect(id).exitCode == 0)
    }

    @Test func concurrentUseOfOneFileSerialisesWrites() async throws {
        let path = temporaryStore()
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path.path + suffix) }
        }
        let a = try SimulatedRuntime(path: path)
        let b = try SimulatedRuntime(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<20 {
                let runtime = number.isMultiple(of: 2) ? a : b
                group.addTask {
                    let id = try await runtime.create(ContainerSpec(name: "c\(number)", image: "busybox"))
                    try await runtime.start(id)
                }
            }
            try await group.waitForAll()
        }
        let all = try await a.list(labels: [:])
        #expect(all.count == 20)
        #expect(Set(all.map(\.id)).count == 20)
        #expect(all.allSatisfy { $0.state == .running })
    }
}

/// The batched start reads the id counter and the fault rules once per transaction: what
/// one container uses must still be seen by the next one, and by the next transaction.
@Suite struct SimulatedRuntimeBatchTests {
    @Test func idsAndRuleUsesCarryAcrossContainersAndTransactions() async throws {
        let path = temporaryStore()
        defer { try? FileManager.default.removeItem(at: path) }
        let runtime = try SimulatedRuntime(path: path)
        try await runtime.addFaultRule(FaultRule(image: "flaky", mode: .exitAfterStart(exitCode: 2), times: 2))
        let first = await runtime.createAndStart(groups: [
            [ContainerSpec(name: "a", image: "flaky")], [ContainerSpec(name: "b", image: "flaky")],
            [ContainerSpec(name: "c", image: "flaky")],
        ])
        let infos = try first.map { try #require($0.first).get() }
        #expect(infos.map(\.id) == ["sim-000001", "sim-000002", "sim-000003"])
        #expect(infos.map(\.state) == [.exited, .exited, .running])
        #expect(try await runtime.faultRules().first?.remaining == 0)
        // A single create after the batch, from another instance on the same file, continues the count.
        let other = try SimulatedRuntime(path: path)
        #expect(try await other.create(ContainerSpec(name: "d", image: "nginx")) == "sim-000004")
        let second = try await runtime.createAndStart(ContainerSpec(name: "e", image: "flaky"))
        #expect(second.id == "sim-000005" && second.state == .running)
    }

    /// A name conflict leaves the rule unused: it applies to the next matching container.
    @Test func aTakenNameDoesNotUseARule() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        _ = try await runtime.create(ContainerSpec(name: "taken", image: "nginx"))
        try await runtime.addFaultRule(FaultRule(image: "nginx", mode: .failToStart(reason: "gone"), times: 1))
        let results = await runtime.createAndStart(groups: [[ContainerSpec(name: "taken", image: "nginx")], [ContainerSpec(name: "new", image: "nginx")]])
        #expect(throws: ContainerRuntimeError.nameConflict("taken")) { try results[0][0].get() }
        #expect(throws: ContainerRuntimeError.imagePullFailed(image: "nginx", reason: "gone")) { try results[1][0].get() }
        #expect(try await runtime.faultRules().first?.remaining == 0)
        #expect(Set(try await runtime.list(labels: [:]).map(\.name)) == ["taken"])
    }

    /// Labels are stored as rows from the labels JSON: keys and values with characters the
    /// JSON escapes come back as they were, and select the container.
    @Test func labelsWithEscapedCharactersAreListedAsGiven() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        let labels = ["task/arn": "arn:aws:ecs:r:1:task/c/1", "quote\"d": "back\\slash", "é": "🙂", "line": "a\nb"]
        let started = try await runtime.createAndStart(ContainerSpec(name: "x", image: "nginx", labels: labels))
        #expect(started.labels == labels)
        for (key, value) in labels {
            #expect(try await runtime.list(labels: [key: value]).map(\.id) == [started.id])
        }
        #expect(try await runtime.inspect(started.id) == started)
    }
}
