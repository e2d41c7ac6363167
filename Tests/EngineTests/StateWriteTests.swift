import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

/// A file store rewrites the state many times in an apply, reusing each unchanged resource's
/// encoded line: what it writes must be exactly what a fresh encoding gives, whatever changed.
@Suite struct StateWriteTests {
    @Test func repeatedWritesEqualFreshEncodings() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecsform-statewrite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        let store = FileStateStore(path: path, environment: ["ECSFORM_STATE_KEY": "k"])
        let hasher = try store.sensitiveHasher()
        var state = State(stack: "s")
        func check() async throws {
            state.serial += 1
            try await store.persist(state)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written == StateFile.encode(state, hasher: hasher))
            #expect(try StateFile.decode(written, path: path).resources.count == state.resources.count)
        }
        func put(_ name: String, _ n: Int) {
            let a = addr("service.\(name)")
            state[a] = ResourceState(address: a, id: "arn:\(name)",
                                     attributes: ["n": .int(n), "secret": .sensitive(.string("pw\(n)")), "tags": .map(["k": .string(name)])],
                                     dependencies: [addr("cluster.main")])
        }
        try await check()
        for name in ["m", "c", "x"] { put(name, 1) }
        try await check()
        put("a", 1)  // sorts first
        put("z", 1)
        try await check()
        put("c", 2)  // changed in place
        try await check()
        state[addr("service.m")] = nil  // removed
        put("b", 3)
        try await check()
        state.resources = [:]
        try await check()
        put("q", 4)
        try await check()
        // Private data recorded after the attributes (what an apply does last), then changed,
        // then dropped together with a change of the attributes.
        state.resources[addr("service.q")]?.privateData = "fp-\"1\""
        state.resources[addr("service.x")]?.privateData = "fp-2"
        try await check()
        state.resources[addr("service.q")]?.privateData = "fp-3"
        try await check()
        put("x", 5)
        try await check()
        state.resources[addr("service.x")]?.privateData = "fp-4"
        state.resources[addr("service.x")]?.attributes["n"] = .int(6)
        try await check()
    }
}
