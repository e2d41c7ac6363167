import Engine
import Foundation
import StackConfig
import Testing

/// The state reader builds each map and list at its final size from reused buffers; nesting,
/// repeated keys and escapes must read exactly as before.
@Suite struct StateReadingTests {
    @Test func nestedListsMapsRepeatedKeysAndEscapesReadBack() async throws {
        let h = Harness()
        let text = #"""
        {"format_version": 1, "serial": 3, "lineage": "l-1", "stack": "shop", "outputs": {},
         "resources": [
          {"address": "cluster.a", "type": "cluster", "id": "id-a", "dependencies": [],
           "attributes": {"name": "first", "name": "a \"quoted\" \u00e9 \ud83d\ude00",
                          "grid": [[1, 2, [3, []]], [], [{"k": [true, null]}, {}]],
                          "tags": {"x": {"y": {"z": [1.5, -2e3]}}}, "size": 3}},
          {"address": "cluster.b", "type": "cluster", "id": "id-b", "dependencies": ["cluster.a"],
           "attributes": {"list": [{"a": 1, "b": [2, 3]}, {"a": 4, "b": []}], "empty": {}, "none": []}}
         ]}
        """#
        try Data(text.utf8).write(to: URL(fileURLWithPath: h.statePath))
        let state = try await h.state()
        let a = try #require(state[addr("cluster.a")]?.attributes)
        #expect(a["name"] == .string("a \"quoted\" é 😀"))
        #expect(a["grid"] == .list([.list([.int(1), .int(2), .list([.int(3), .list([])])]), .list([]),
                                    .list([.map(["k": .list([.bool(true), .null])]), .map([:])])]))
        #expect(a["tags"] == .map(["x": .map(["y": .map(["z": .list([.number(1.5), .number(-2000)])])])]))
        #expect(a["size"] == .int(3))
        let b = try #require(state[addr("cluster.b")])
        #expect(b.dependencies == [addr("cluster.a")])
        #expect(b.attributes == ["list": .list([.map(["a": .int(1), "b": .list([.int(2), .int(3)])]), .map(["a": .int(4), "b": .list([])])]),
                                 "empty": .map([:]), "none": .list([])])
    }

    /// Integers are read without going through text; every number must still equal what
    /// `Double(text)` gives, the sign of a negative zero and beyond-2^53 rounding included.
    @Test func numbersReadAsDoubleParsesThem() async throws {
        let h = Harness()
        let texts = ["0", "-0", "7", "007", "-42", "123456789012345", "-999999999999999", "1234567890123456",
                     "9007199254740993", "1.5", "-2e3", "1E2", "0.1"]
        let attributes = zip(texts.indices, texts).map { "\"n\($0)\": \($1)" }.joined(separator: ", ")
        let text = """
        {"format_version": 1, "serial": 1, "lineage": "l-1", "stack": "shop", "outputs": {},
         "resources": [{"address": "cluster.a", "type": "cluster", "id": "id-a", "dependencies": [],
                        "attributes": {\(attributes)}}]}
        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: h.statePath))
        let a = try #require(try await h.state()[addr("cluster.a")]?.attributes)
        for (i, t) in zip(texts.indices, texts) {
            let expected = try #require(Double(t))
            guard case .number(let d)? = a["n\(i)"] else { Issue.record("n\(i) is not a number"); continue }
            #expect(d == expected && d.sign == expected.sign, "\(t) read as \(d)")
        }
    }
}
