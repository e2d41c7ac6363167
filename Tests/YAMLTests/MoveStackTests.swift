import Testing
@testable import YAML

@Suite struct MoveStackTests {
    final class Tracked {
        let id: Int
        init(_ id: Int) { self.id = id }
    }

    @Test func popArrayMovesTheTopAndKeepsTheRest() {
        let stack = MoveStack<Tracked>(capacity: 2)
        weak var first: Tracked?
        do {
            for i in 0..<100 { stack.push(Tracked(i)) }
            stack.withElement(at: 0) { first = $0 }
            let top = stack.popArray(from: 60)
            #expect(top.map(\.id) == Array(60..<100))
            #expect(top.capacity < 48)  // exact request; malloc may round up a little
            #expect(stack.count == 60)
            #expect(stack.withElement(at: 59) { $0.id } == 59)
            #expect(stack.popArray(from: 60).isEmpty)
        }
        #expect(first != nil)
        #expect(stack.popArray(from: 0).count == 60)
        #expect(first == nil)  // moved out, then released with the array: no leak, no double free
    }

    @Test func deinitReleasesWhatIsLeft() {
        weak var kept: Tracked?
        do {
            let stack = MoveStack<Tracked>()
            let object = Tracked(1)
            kept = object
            stack.push(object)
        }
        #expect(kept == nil)
    }
}
