import Testing
@testable import Orchestrator

@Suite struct PlacementFailureTests {
    func failure(_ candidates: [PlacementCandidate], _ task: PlacementTask, _ policy: PlacementPolicy) throws -> PlacementFailure? {
        var placer = try Placer(candidates: candidates)
        if case let .failure(failure) = placer.place(task, policy: policy) { return failure }
        return nil
    }

    @Test func closestMatchIsTheCandidateThatPassedMostFilters() throws {
        let task = PlacementTask(cpu: 512, memory: 1024, group: "service:web")
        let found = try failure([
            PlacementCandidate(id: "i-cpu", remainingCPU: 100, remainingMemory: 4096),
            PlacementCandidate(id: "i-mem", remainingCPU: 1024, remainingMemory: 512),
            PlacementCandidate(id: "i-zone", remainingCPU: 4096, remainingMemory: 4096, attributes: ["zone": "b"]),
        ], task, try PlacementPolicy(constraints: [.memberOf("attribute:zone != b")], strategies: [.binpack("memory")]))
        let unplaced = try #require(found)
        #expect(unplaced.candidatesEvaluated == 3)
        #expect(unplaced.rejectedBy == [.memberOf: 1, .cpu: 1, .memory: 1])
        #expect(unplaced.closestCandidateID == "i-mem")
        #expect(unplaced.ecsReason == "RESOURCE:MEMORY")
        #expect(unplaced.eventMessage(subject: "(service web)") == "(service web) was unable to place a task because no "
            + "container instance met all of its requirements. The closest matching container-instance i-mem has "
            + "insufficient memory available.")
    }

    @Test func insufficientCPU() throws {
        let found = try failure(
            [PlacementCandidate(id: "i-1", remainingCPU: 10, remainingMemory: 4096)],
            PlacementTask(cpu: 512, memory: 1024, group: "service:web"), try PlacementPolicy(strategies: [.spread("instanceId")]))
        let unplaced = try #require(found)
        #expect(unplaced.ecsReason == "RESOURCE:CPU")
        #expect(unplaced.explanation.hasSuffix("The closest matching container-instance i-1 has insufficient CPU units available."))
    }

    @Test func noCandidatesAtAll() throws {
        let found = try failure([], PlacementTask(cpu: 1, memory: 1, group: "service:web"), try PlacementPolicy())
        let unplaced = try #require(found)
        #expect(unplaced.candidatesEvaluated == 0 && unplaced.closestCandidateID == nil)
        #expect(unplaced.explanation == "was unable to place a task because no container instance met all of its "
            + "requirements. Reason: No Container Instances were found in your cluster.")
        #expect(unplaced.ecsReason == "MISSING")
    }

    @Test func failedPlacementChangesNothing() throws {
        var placer = try Placer(candidates: [PlacementCandidate(id: "i-1", remainingCPU: 10, remainingMemory: 10)])
        let before = placer.candidates
        _ = placer.place(PlacementTask(cpu: 512, memory: 1, group: "service:web"), policy: try PlacementPolicy())
        #expect(placer.candidates == before)
    }
}
