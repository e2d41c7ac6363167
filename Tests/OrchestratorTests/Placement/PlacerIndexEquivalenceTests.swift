import Testing
@testable import Orchestrator

/// The indexed fast paths must choose exactly what the general filter/rank chain chooses.
@Suite struct PlacerIndexEquivalenceTests {
    struct Generator {
        var random: SplitMix64
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(random.next() % UInt64(range.count))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
    }

    static let policies: [([PlacementConstraint], [PlacementStrategy])] = [
        ([], [.binpack("memory")]),
        ([], [.binpack("cpu")]),
        ([], [.spread("instanceId")]),
        ([.distinctInstance], [.spread("instanceId")]),
        ([.distinctInstance], [.binpack("memory")]),
        ([.memberOf("attribute:zone in [z0, z1]")], [.binpack("memory"), .spread("instanceId")]),
        ([], [.binpack("memory"), .random]),
        ([], [.spread("instanceId"), .binpack("cpu")]),
        ([.memberOf("attribute:kind != big")], [.spread("host"), .spread("attribute:zone"), .random]),
        ([], [.binpack("cpu"), .spread("attribute:zone"), .binpack("memory")]),
        ([], [.spread("attribute:zone"), .binpack("memory")]),
        ([], [.spread("attribute:zone"), .spread("instanceId")]),
        ([.distinctInstance], [.spread("attribute:zone"), .spread("instanceId")]),
        ([.memberOf("attribute:kind == small")], [.spread("attribute:zone"), .spread("host"), .binpack("memory")]),
        ([], [.spread("attribute:kind"), .spread("instanceId"), .random]),
        ([], [.spread("attribute:rack"), .spread("instanceId")]),
        ([], []),
    ]

    @Test(arguments: 0..<policies.count)
    func fastPathMatchesGeneralChain(policyNumber: Int) throws {
        let (constraints, strategies) = Self.policies[policyNumber]
        let policy = try PlacementPolicy(constraints: constraints, strategies: strategies)
        for seed in UInt64(1)...20 {
            var generator = Generator(random: SplitMix64(seed: seed &* 7919 &+ UInt64(policyNumber)))
            let count = generator.int(1...40)
            let candidates = (0..<count).map { number in
                PlacementCandidate(
                    id: "ci-\(number)",
                    remainingCPU: generator.int(0...8) * 128,
                    remainingMemory: generator.int(0...8) * 256,
                    usedHostPorts: generator.int(0...3) == 0 ? [HostPort(80)] : [],
                    attributes: ["zone": "z\(generator.int(0...2))", "kind": generator.pick(["big", "small"])]
                        .merging(generator.int(0...2) == 0 ? [:] : ["rack": "r\(generator.int(0...3))"]) { a, _ in a },
                    tasksByGroup: ["service:a": generator.int(0...2), "service:b": generator.int(0...1)])
            }
            var indexed = try Placer(candidates: candidates, seed: seed)
            var scanning = try Placer(candidates: candidates, seed: seed)
            scanning.usesIndexes = false
            for step in 0..<150 {
                let task = PlacementTask(
                    cpu: generator.int(0...3) * 64,
                    memory: generator.int(0...3) * 128,
                    hostPorts: generator.int(0...9) == 0 ? [HostPort(80)] : [],
                    group: generator.pick(["service:a", "service:b", "service:c"]))
                let fast = indexed.place(task, policy: policy)
                let slow = scanning.place(task, policy: policy)
                #expect(fast == slow, "seed \(seed) step \(step) policy \(policyNumber)")
                if fast != slow { return }
                if step % 7 == 3, case let .success(id) = fast {
                    indexed.release(task, from: id)
                    scanning.release(task, from: id)
                }
            }
            #expect(indexed.candidates == scanning.candidates)
            // State kept up to date incrementally must rank like state rebuilt from a snapshot.
            var rebuilt = try Placer(candidates: indexed.candidates)
            rebuilt.random = indexed.random
            for step in 0..<30 {
                let task = PlacementTask(
                    cpu: generator.int(0...2) * 64, memory: generator.int(0...2) * 128,
                    group: generator.pick(["service:a", "service:b"]))
                let kept = indexed.place(task, policy: policy)
                let fresh = rebuilt.place(task, policy: policy)
                #expect(kept == fresh, "rebuilt: seed \(seed) step \(step) policy \(policyNumber)")
                if kept != fresh { return }
            }
        }
    }
}
