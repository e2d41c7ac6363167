import Engine
import Foundation
import Orchestrator
import StackConfig
import Testing

/// Every stack in `stacks/`: config → create (in dependency order) → read must equal
/// normalize(config), so a freshly applied stack plans no changes.
@Suite struct StackRoundTripTests {
    static let stacksDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("stacks")

    static var stackNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: stacksDirectory.path)) ?? []).sorted()
    }

    @Test func thereAreStacks() { #expect(Self.stackNames.contains("demo")) }

    @Test(arguments: stackNames)
    func applyThenReadEqualsNormalizedConfig(_ name: String) async throws {
        let (loaded, diagnostics) = StackLoader().load(directory: Self.stacksDirectory.appendingPathComponent(name).path,
                                                       variables: VariableInputs())
        let stack = try #require(loaded, "stack \(name) does not load: \(diagnostics)")
        let h = try Harness()
        let hasher = SensitiveHasher(keyText: "round-trip")
        let differ = Differ(hasher: hasher)
        var applied: [ResourceAddress: [String: Value]] = [:]
        let order = try #require(stack.graph.topologicalOrder())
        for address in order {
            guard let config = stack[address] else { continue }
            let resolved = Evaluator.resolve(config.value) { ref in applied[ref.address].flatMap { Value.map($0)[path: ref.path] } }
            let planned = h.normalize(address.type, resolved.mapValue ?? [:])
            #expect(planned.values.allSatisfy { $0.isFullyKnown }, "\(address) still has unknown values")
            let created = try await h.provider.create(CreateRequest(address: address, attributes: planned))
            applied[address] = created.attributes
            // Read back with the prior as state holds it (secrets as keyed hashes).
            let prior = hasher.fingerprint(created.attributes)
            let read = try #require(try await h.provider.read(ReadRequest(address: address, id: created.id, priorAttributes: prior)).attributes)
            let changed = differ.changedAttributes(before: read, after: planned)
            #expect(changed.isEmpty, "\(address): read differs from the normalized config in \(changed): \(differ.differences(before: read, after: planned, keys: changed))")
            #expect(differ.changedAttributes(before: prior, after: read).isEmpty, "\(address): a second read differs from the first")
        }
    }
}
