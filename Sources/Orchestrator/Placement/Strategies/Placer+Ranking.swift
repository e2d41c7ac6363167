extension Placer {
    /// The general chain: every candidate through the filters, then the strategies in order.
    mutating func placeByScanning(
        _ check: FeasibilityCheck, group: Int, rankings: [Ranking]
    ) -> Result<Int, PlacementFailure> {
        var feasible: [Int] = []
        var rejected: [PlacementFilter: Int] = [:]
        var closest: (index: Int, filter: PlacementFilter)?
        for index in ids.indices {
            if let filter = rejection(of: index, check, group: group) {
                rejected[filter, default: 0] += 1
                if closest == nil || filter > (closest?.filter ?? .distinctInstance) {
                    closest = (index, filter)
                }
            } else {
                feasible.append(index)
            }
        }
        guard !feasible.isEmpty else {
            return .failure(PlacementFailure(
                candidatesEvaluated: ids.count, rejectedBy: rejected,
                closestCandidateID: closest.map { ids[$0.index] }, closestRejectedBy: closest?.filter))
        }
        return .success(rank(feasible, group: group, rankings: rankings[...]))
    }

    /// Narrows feasible candidates (ascending index) strategy by strategy; the smallest index wins what is left.
    /// `random` picks uniformly among the remaining ties, so strategies after it never matter.
    mutating func rank(_ candidates: [Int], group: Int, rankings: ArraySlice<Ranking>) -> Int {
        var tied = candidates
        for ranking in rankings {
            if tied.count <= 1 { break }
            switch ranking {
            case .random:
                return tied[Int(random.next() % UInt64(tied.count))]
            case .binpack(.cpu):
                tied = keepingMinimum(tied) { cpu[$0] }
            case .binpack(.memory):
                tied = keepingMinimum(tied) { memory[$0] }
            case .spreadInstance:
                let counts = groupCounts[group]
                tied = keepingMinimum(tied) { counts[$0] }
            case let .spreadAttribute(name):
                let perValue = tasksPerAttributeValue(name, group: group)
                tied = keepingMinimum(tied) { perValue[attributes[$0][name], default: 0] }
            }
        }
        return tied[0]
    }

    /// Tasks of `group` summed over every candidate with each value of attribute `name`
    /// (candidates without the attribute form their own bucket).
    func tasksPerAttributeValue(_ name: String, group: Int) -> [String?: Int] {
        var perValue: [String?: Int] = [:]
        let counts = groupCounts[group]
        for index in ids.indices {
            perValue[attributes[index][name], default: 0] += counts[index]
        }
        return perValue
    }

    private func keepingMinimum(_ candidates: [Int], key: (Int) -> Int) -> [Int] {
        var best = Int.max
        var kept: [Int] = []
        for candidate in candidates {
            let value = key(candidate)
            if value < best {
                best = value
                kept.removeAll(keepingCapacity: true)
                kept.append(candidate)
            } else if value == best {
                kept.append(candidate)
            }
        }
        return kept
    }
}
