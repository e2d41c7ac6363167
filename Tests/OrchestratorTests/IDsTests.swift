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
}
