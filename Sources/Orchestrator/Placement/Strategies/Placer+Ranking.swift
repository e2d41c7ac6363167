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
                let values = attributeValues(name)
                let totals = tasksPerAttributeValue(name, group: group)
                tied = keepingMinimum(tied) { totals[values[$0]] }
            }
        }
        return tied[0]
    }

    /// Value number of attribute `name` for every candidate; 0 when a candidate lacks it
    /// (those candidates form their own bucket for spread).
    mutating func attributeValues(_ name: String) -> [Int] {
        if let values = attributeValueNumbers[name] { return values }
        var numbers: [String: Int] = [:]
        let values = attributes.map { attributes -> Int in
            guard let value = attributes[name] else { return 0 }
            if let number = numbers[value] { return number }
            let number = numbers.count + 1
            numbers[value] = number
            return number
        }
        attributeValueNumbers[name] = values
        return values
    }

    /// Tasks of `group` summed over every candidate with each value of attribute `name`,
    /// indexed by value number; built once, then kept current by `commit` and `release`.
    mutating func tasksPerAttributeValue(_ name: String, group: Int) -> [Int] {
        if let totals = attributeTotals[group][name] { return totals }
        let values = attributeValues(name)
        var totals = [Int](repeating: 0, count: (values.max() ?? 0) + 1)
        let counts = groupCounts[group]
        for index in ids.indices { totals[values[index]] += counts[index] }
        attributeTotals[group][name] = totals
        attributeTotalNames[group].append(name)
        return totals
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
