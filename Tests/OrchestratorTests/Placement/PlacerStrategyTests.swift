import Testing
@testable import Orchestrator

/// Places `count` tasks and returns the chosen ids, failing the test on an unplaced task.
func placeAll(
    _ placer: inout Placer, _ task: PlacementTask, _ policy: PlacementPolicy, count: Int
) -> [String] {
    (0..<count).compactMap { _ in
        switch placer.place(task, policy: policy) {
        case let .success(id): return id
        case let .failure(failure):
            Issue.record("unexpectedly unplaced: \(failure.explanation)")
            return nil
        }
    }
}

@Suite struct PlacerStrategyTests {
    let task = PlacementTask(cpu: 100, memory: 500, group: "service:web")

    @Test func binpackMemoryPicksLeastRemainingMemoryThatFits() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 1000),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 600),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 400),
        ])
        let policy = try PlacementPolicy(strategies: [.binpack("memory")])
        // b (600) is tightest; after it only a fits (b has 100 left, c 400).
        #expect(placeAll(&placer, task, policy, count: 3) == ["b", "a", "a"])
        #expect(placer.candidate("a")?.remainingMemory == 0)
        #expect(placer.candidate("b")?.remainingMemory == 100)
        #expect(placer.candidate("b")?.tasksByGroup == ["service:web": 1])
    }

    @Test func binpackCPUIgnoresMemoryOrder() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 150, remainingMemory: 9000),
            PlacementCandidate(id: "b", remainingCPU: 400, remainingMemory: 600),
            PlacementCandidate(id: "c", remainingCPU: 50, remainingMemory: 9000),
        ])
        let policy = try PlacementPolicy(strategies: [.binpack("cpu")])
        #expect(placeAll(&placer, task, policy, count: 2) == ["a", "b"])
    }

    @Test func tiesGoToTheSmallestID() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "i-3", remainingCPU: 1000, remainingMemory: 1000),
            PlacementCandidate(id: "i-1", remainingCPU: 1000, remainingMemory: 1000),
            PlacementCandidate(id: "i-2", remainingCPU: 1000, remainingMemory: 1000),
        ])
        #expect(placeAll(&placer, task, try PlacementPolicy(strategies: [.binpack("memory")]), count: 1) == ["i-1"])
        #expect(placeAll(&placer, task, try PlacementPolicy(), count: 1) == ["i-1"])
    }

    @Test func spreadInstanceIdRoundRobinsOverInstances() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 5000),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 5000, tasksByGroup: ["service:web": 1]),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 5000, tasksByGroup: ["service:other": 7]),
        ])
        let policy = try PlacementPolicy(strategies: [.spread("instanceId")])
        // Only the task's own group counts: b starts one ahead.
        #expect(placeAll(&placer, task, policy, count: 5) == ["a", "c", "a", "b", "c"])
        let host = try PlacementPolicy(strategies: [.spread("host")])
        #expect(placeAll(&placer, task, host, count: 1) == ["a"])
    }

    @Test func spreadAttributeBalancesZonesThenInstances() throws {
        let candidates = [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 5000, attributes: ["az": "1"]),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 5000, attributes: ["az": "1"]),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 5000, attributes: ["az": "2"]),
        ]
        var zoneOnly = try Placer(candidates: candidates)
        #expect(placeAll(&zoneOnly, task, try PlacementPolicy(strategies: [.spread("attribute:az")]), count: 3)
            == ["a", "c", "a"])
        var zoneThenInstance = try Placer(candidates: candidates)
        let policy = try PlacementPolicy(strategies: [.spread("attribute:az"), .spread("instanceId")])
        #expect(placeAll(&zoneThenInstance, task, policy, count: 4) == ["a", "c", "b", "c"])
    }

    @Test func spreadThenBinpackBreaksTiesByMemory() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 3000, attributes: ["az": "1"]),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 2000, attributes: ["az": "1"]),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 2500, attributes: ["az": "2"]),
            PlacementCandidate(id: "d", remainingCPU: 1000, remainingMemory: 900, attributes: ["az": "2"]),
        ])
        let policy = try PlacementPolicy(strategies: [.spread("attribute:az"), .binpack("memory")])
        // az1 and az2 tie at 0: d (900) is tightest; then az1 has fewer: b (2000); then az tie: d (400) too small → b (1500)
        #expect(placeAll(&placer, task, policy, count: 3) == ["d", "b", "b"])
    }

    @Test func binpackThenSpreadBreaksMemoryTies() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 1000, tasksByGroup: ["service:web": 2]),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 1000),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 2000),
        ])
        let policy = try PlacementPolicy(strategies: [.binpack("memory"), .spread("instanceId")])
        #expect(placeAll(&placer, task, policy, count: 3) == ["b", "b", "a"])
    }

    @Test func randomIsSeededAndStaysAmongFeasible() throws {
        let candidates = (0..<10).map {
            PlacementCandidate(id: "i-\($0)", remainingCPU: 100_000, remainingMemory: $0 == 3 ? 10 : 100_000)
        }
        let policy = try PlacementPolicy(strategies: [.random])
        var first = try Placer(candidates: candidates, seed: 42)
        var second = try Placer(candidates: candidates, seed: 42)
        var other = try Placer(candidates: candidates, seed: 7)
        let a = placeAll(&first, task, policy, count: 50)
        #expect(a == placeAll(&second, task, policy, count: 50))
        #expect(a != placeAll(&other, task, policy, count: 50))
        #expect(!a.contains("i-3"))
        #expect(Set(a).count > 5)
    }

    @Test func randomAfterBinpackOnlyBreaksTies() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 9000),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 700),
            PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 700),
        ], seed: 1)
        let policy = try PlacementPolicy(strategies: [.binpack("memory"), .random])
        let first = placeAll(&placer, task, policy, count: 2)
        #expect(Set(first) == ["b", "c"])
        #expect(placeAll(&placer, task, policy, count: 1) == ["a"])
    }

    @Test func releaseGivesCapacityBack() throws {
        var placer = try Placer(candidates: [PlacementCandidate(id: "a", remainingCPU: 100, remainingMemory: 500)])
        let policy = try PlacementPolicy(strategies: [.binpack("memory")])
        let ported = PlacementTask(cpu: 100, memory: 500, hostPorts: [HostPort(80)], group: "service:web")
        #expect(placeAll(&placer, ported, policy, count: 1) == ["a"])
        if case .success = placer.place(ported, policy: policy) { Issue.record("should be full") }
        let released = placer.release(ported, from: "a")
        #expect(released)
        #expect(placer.candidate("a") == PlacementCandidate(id: "a", remainingCPU: 100, remainingMemory: 500))
        #expect(placeAll(&placer, ported, policy, count: 1) == ["a"])
        let releasedUnknown = placer.release(ported, from: "missing")
        #expect(!releasedUnknown)
    }

    @Test func duplicateCandidateIDsAreRejected() {
        #expect(throws: PlacementValidationError.self) {
            try Placer(candidates: [
                PlacementCandidate(id: "a", remainingCPU: 1, remainingMemory: 1),
                PlacementCandidate(id: "a", remainingCPU: 1, remainingMemory: 1),
            ])
        }
    }
}
