extension Placer {
    /// Indexed search for policies whose first strategy is binpack or spread(instanceId/host).
    /// Returns nil when the policy has no index or the index finds nothing (the caller then
    /// scans, which also explains a failure). Visits candidates in the first strategy's
    /// order, stops at the first feasible one, and hands its ties to the remaining strategies.
    mutating func placeWithIndexes(_ check: FeasibilityCheck, group: Int, rankings: [Ranking]) -> Int? {
        guard let first = rankings.first else { return nil }
        let rest = rankings.dropFirst()
        switch first {
        case let .binpack(field):
            let index = sortedIndex(field)
            var slot = index.lowerBound(field == .cpu ? check.cpu : check.memory)
            while slot < index.count {
                let candidate = index.candidate(at: slot)
                if rejection(of: candidate, check, group: group) == nil {
                    if rest.isEmpty { return candidate }
                    let key = index.keys[candidate]
                    var tied = [candidate]
                    slot += 1
                    while slot < index.count, index.keys[index.candidate(at: slot)] == key {
                        let other = index.candidate(at: slot)
                        if rejection(of: other, check, group: group) == nil { tied.append(other) }
                        slot += 1
                    }
                    return rank(tied, group: group, rankings: rest)
                }
                slot += 1
            }
            return nil
        case .spreadInstance:
            if spreadIndexes[group] == nil { spreadIndexes[group] = SpreadIndex(counts: groupCounts[group]) }
            guard let index = spreadIndexes[group] else { return nil }
            for count in index.counts {
                if check.distinctInstance, count > 0 { return nil }
                guard let bucket = index.bucket(count) else { continue }
                var next = bucket.next(from: 0)
                while let candidate = next {
                    if rejection(of: candidate, check, group: group) == nil {
                        if rest.isEmpty { return candidate }
                        var tied = [candidate]
                        var other = bucket.next(from: candidate + 1)
                        while let more = other {
                            if rejection(of: more, check, group: group) == nil { tied.append(more) }
                            other = bucket.next(from: more + 1)
                        }
                        return rank(tied, group: group, rankings: rest)
                    }
                    next = bucket.next(from: candidate + 1)
                }
            }
            return nil
        case let .spreadAttribute(name):
            guard rest.first == .spreadInstance else { return nil }
            return placeSpreadingAttributeThenInstance(check, group: group, name: name, rankings: rest.dropFirst())
        case .random:
            return nil
        }
    }

    /// spread(attribute) then spread(instanceId): values by their task total (fewest first);
    /// within the first total that has a feasible candidate, the candidates with the fewest
    /// group tasks across those values, found through one spread index per value.
    private mutating func placeSpreadingAttributeThenInstance(
        _ check: FeasibilityCheck, group: Int, name: String, rankings rest: ArraySlice<Ranking>
    ) -> Int? {
        let totals = tasksPerAttributeValue(name, group: group)
        let indexes = zoneIndex(name, group: group)
        for level in Set(totals).sorted() {
            var best: (count: Int, candidates: [Int])?
            for value in totals.indices where totals[value] == level {
                for count in indexes[value].counts {
                    if let bestCount = best?.count, count > bestCount { break }
                    if check.distinctInstance, count > 0 { break }
                    guard let bucket = indexes[value].bucket(count) else { continue }
                    var found: [Int] = []
                    var next = bucket.next(from: 0)
                    while let candidate = next {
                        if rejection(of: candidate, check, group: group) == nil {
                            found.append(candidate)
                            if rest.isEmpty { break }
                        }
                        next = bucket.next(from: candidate + 1)
                    }
                    guard !found.isEmpty else { continue }
                    if let current = best, current.count == count {
                        best = (count, current.candidates + found)
                    } else {
                        best = (count, found)
                    }
                    break
                }
            }
            if let best {
                if rest.isEmpty { return best.candidates.min() }
                return rank(best.candidates.sorted(), group: group, rankings: rest)
            }
        }
        return nil
    }

    private mutating func zoneIndex(_ name: String, group: Int) -> [SpreadIndex] {
        if let built = zoneIndexes[group][name] { return built }
        let values = attributeValues(name)
        let counts = groupCounts[group]
        let built = (0...(values.max() ?? 0)).map { value in
            SpreadIndex(counts: counts, including: { values[$0] == value })
        }
        zoneIndexes[group][name] = built
        zoneIndexNames[group].append(name)
        return built
    }

    private mutating func sortedIndex(_ field: ResourceField) -> SortedIndex {
        switch field {
        case .cpu:
            if let cpuIndex { return cpuIndex }
            let built = SortedIndex(keys: cpu)
            cpuIndex = built
            return built
        case .memory:
            if let memoryIndex { return memoryIndex }
            let built = SortedIndex(keys: memory)
            memoryIndex = built
            return built
        }
    }
}
