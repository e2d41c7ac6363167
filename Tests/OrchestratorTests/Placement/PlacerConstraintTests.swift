import Testing
@testable import Orchestrator

@Suite struct PlacerConstraintTests {
    let task = PlacementTask(cpu: 100, memory: 100, group: "service:web")
    let fleet = [
        PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 1000,
                           attributes: ["ecs.instance-type": "t2.small", "ecs.availability-zone": "us-east-1a"]),
        PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 1000,
                           attributes: ["ecs.instance-type": "t2.medium", "ecs.availability-zone": "us-east-1b"]),
        PlacementCandidate(id: "c", remainingCPU: 1000, remainingMemory: 1000,
                           attributes: ["ecs.instance-type": "m5.large", "ecs.availability-zone": "us-east-1a", "gpu": "yes"]),
    ]

    @Test func distinctInstancePlacesOnePerInstanceThenExplains() throws {
        var placer = try Placer(candidates: fleet)
        let policy = try PlacementPolicy(constraints: [.distinctInstance], strategies: [.binpack("memory")])
        #expect(placeAll(&placer, task, policy, count: 3) == ["a", "b", "c"])
        guard case let .failure(failure) = placer.place(task, policy: policy) else {
            Issue.record("fourth task should not fit")
            return
        }
        #expect(failure.rejectedBy == [.distinctInstance: 3])
        #expect(failure.closestCandidateID == "a")
        #expect(failure.explanation.hasSuffix(
            "The closest matching container-instance a encountered error \"DistinctInstance placement constraint unsatisfied.\""))
        // Another group is unaffected.
        let other = PlacementTask(cpu: 100, memory: 100, group: "service:api")
        #expect(placeAll(&placer, other, policy, count: 1) == ["a"])
    }

    @Test func distinctInstanceWithSpreadUsesOnlyEmptyInstances() throws {
        var placer = try Placer(candidates: fleet.map {
            var candidate = $0
            if candidate.id == "a" { candidate.tasksByGroup = ["service:web": 1] }
            return candidate
        })
        let policy = try PlacementPolicy(constraints: [.distinctInstance], strategies: [.spread("instanceId")])
        #expect(placeAll(&placer, task, policy, count: 2) == ["b", "c"])
        if case .success = placer.place(task, policy: policy) { Issue.record("no instance is left") }
    }

    @Test func memberOfKeepsOnlyMatchingInstances() throws {
        let cases: [(String, [String])] = [
            ("attribute:ecs.instance-type == t2.medium", ["b"]),
            ("attribute:ecs.instance-type != t2.medium", ["a", "c"]),
            ("attribute:ecs.instance-type == t2.*", ["a", "b"]),
            ("attribute:ecs.instance-type in [t2.small, m5.large]", ["a", "c"]),
            ("attribute:ecs.instance-type not_in [t2.small, m5.large]", ["b"]),
            ("attribute:ecs.instance-type not in [t2.small]", ["b", "c"]),
            ("attribute:gpu exists", ["c"]),
            ("attribute:gpu !exists", ["a", "b"]),
            ("attribute:missing != x", ["a", "b", "c"]),
            ("attribute:missing == x or attribute:gpu == 'yes'", ["c"]),
        ]
        for (expression, expected) in cases {
            var placer = try Placer(candidates: fleet)
            let policy = try PlacementPolicy(constraints: [.memberOf(expression)], strategies: [.spread("instanceId")])
            var placed: Set<String> = []
            for _ in 0..<6 {
                if case let .success(id) = placer.place(task, policy: policy) { placed.insert(id) }
            }
            #expect(placed == Set(expected), "\(expression)")
        }
    }

    @Test func memberOfCombinesWithAndOrParentheses() throws {
        let expression = "(attribute:ecs.availability-zone == us-east-1a and attribute:gpu !exists) || attribute:ecs.instance-type == t2.medium"
        var placer = try Placer(candidates: fleet)
        let policy = try PlacementPolicy(constraints: [.memberOf(expression)], strategies: [.spread("instanceId")])
        #expect(Set(placeAll(&placer, task, policy, count: 4)) == ["a", "b"])
    }

    @Test func twoMemberOfConstraintsMustBothHold() throws {
        var placer = try Placer(candidates: fleet)
        let policy = try PlacementPolicy(constraints: [
            .memberOf("attribute:ecs.availability-zone == us-east-1a"),
            .memberOf("attribute:ecs.instance-type != t2.small"),
        ])
        #expect(placeAll(&placer, task, policy, count: 2) == ["c", "c"])
    }

    @Test func memberOfFailureNamesTheConstraint() throws {
        var placer = try Placer(candidates: fleet)
        let policy = try PlacementPolicy(constraints: [.memberOf("attribute:ecs.instance-type == c5.xlarge")])
        guard case let .failure(failure) = placer.place(task, policy: policy) else {
            Issue.record("nothing matches")
            return
        }
        #expect(failure.rejectedBy == [.memberOf: 3])
        #expect(failure.ecsReason == "MemberOf placement constraint unsatisfied")
        #expect(failure.explanation.contains("encountered error \"MemberOf placement constraint unsatisfied.\""))
    }

    @Test func hostPortsConflictPerProtocol() throws {
        var placer = try Placer(candidates: [
            PlacementCandidate(id: "a", remainingCPU: 1000, remainingMemory: 1000, usedHostPorts: [HostPort(80)]),
            PlacementCandidate(id: "b", remainingCPU: 1000, remainingMemory: 1000, usedHostPorts: [HostPort(80, .udp)]),
        ])
        let web = PlacementTask(cpu: 10, memory: 10, hostPorts: [HostPort(80)], group: "service:web")
        let policy = try PlacementPolicy(strategies: [.binpack("memory")])
        #expect(placeAll(&placer, web, policy, count: 1) == ["b"])
        guard case let .failure(failure) = placer.place(web, policy: policy) else {
            Issue.record("port 80/tcp is taken everywhere now")
            return
        }
        #expect(failure.rejectedBy == [.ports: 2])
        #expect(failure.ecsReason == "RESOURCE:PORTS")
        #expect(failure.explanation.hasSuffix("The closest matching container-instance a is already using a port required by your task."))
        let dns = PlacementTask(cpu: 10, memory: 10, hostPorts: [HostPort(53, .udp)], group: "service:dns")
        #expect(placeAll(&placer, dns, policy, count: 2) == ["b", "a"])
    }
}
