import Foundation
import Testing
@testable import Orchestrator

struct IDsTests {
    @Test func uuidsAreLowerCaseVersion4AndDistinct() throws {
        let pattern = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        var seen = Set<String>()
        for _ in 0..<2000 {
            let id = IDs.uuid()
            #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
            #expect(UUID(uuidString: id) != nil)
            seen.insert(id)
        }
        #expect(seen.count == 2000)
    }

    /// Across many refills of the pooled random words (512 a refill), every bit varies and
    /// no word repeats.
    @Test func pooledRandomWordsDoNotRepeatAcrossRefills() {
        var g = PooledRandom()
        var seen = Set<UInt64>()
        var ones: UInt64 = 0, zeros: UInt64 = 0
        for _ in 0..<5000 {
            let w = g.next()
            seen.insert(w)
            ones |= w
            zeros |= ~w
        }
        #expect(seen.count == 5000)
        #expect(ones == .max && zeros == .max)
        #expect(Set((0..<1000).map { _ in IDs.hex32() }).count == 1000)
    }
}
