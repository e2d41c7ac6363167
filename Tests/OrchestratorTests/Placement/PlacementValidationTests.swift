import Foundation
import Testing
@testable import Orchestrator

@Suite struct PlacementValidationTests {
    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as PlacementValidationError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func acceptsEveryDocumentedForm() throws {
        try PlacementStrategy.validate([
            .binpack("cpu"), .binpack("memory"), .spread("instanceId"), .spread("host"), .spread("attribute:ecs.availability-zone"),
        ])
        try PlacementStrategy.validate([.random])
        try PlacementConstraint.validate([.distinctInstance, .memberOf("attribute:a == b")])
    }

    @Test func rejectsBadStrategies() {
        #expect(message { try PlacementStrategy.binpack("disk").validate() }
            == "Invalid field \"disk\" for placement strategy binpack: expected cpu or memory.")
        #expect(message { try PlacementStrategy(type: "binpack").validate() }
            == "Placement strategy binpack requires a field: cpu or memory.")
        #expect(message { try PlacementStrategy.spread("zone").validate() }
            == "Invalid field \"zone\" for placement strategy spread: expected instanceId, host or attribute:NAME.")
        #expect(message { try PlacementStrategy.spread("attribute:").validate() }?.contains("attribute name is empty") == true)
        #expect(message { try PlacementStrategy(type: "spread").validate() }?.contains("requires a field") == true)
        #expect(message { try PlacementStrategy(type: "random", field: "cpu").validate() }?.contains("does not take a field") == true)
        #expect(message { try PlacementStrategy(type: "pack").validate() }
            == "Invalid placement strategy type \"pack\": expected binpack, spread or random.")
        #expect(message { try PlacementStrategy.validate(Array(repeating: .random, count: 6)) }
            == "Too many placement strategies: 6 given, at most 5 are allowed.")
    }

    @Test func rejectsBadConstraints() {
        #expect(message { try PlacementConstraint(type: "memberOf").validate() }?.contains("requires an expression") == true)
        #expect(message { try PlacementConstraint.memberOf("  ").validate() }?.contains("requires an expression") == true)
        #expect(message { try PlacementConstraint(type: "distinctInstance", expression: "x").validate() }?
            .contains("does not take an expression") == true)
        #expect(message { try PlacementConstraint(type: "sameZone").validate() }
            == "Invalid placement constraint type \"sameZone\": expected distinctInstance or memberOf.")
        #expect(message { try PlacementConstraint.memberOf("attribute:a ==").validate() }?
            .hasPrefix("Invalid memberOf expression") == true)
        #expect(message { try PlacementConstraint.validate(Array(repeating: .distinctInstance, count: 11)) }
            == "Too many placement constraints: 11 given, at most 10 are allowed.")
        let long = "attribute:a == " + String(repeating: "x", count: 2000)
        #expect(message { try PlacementConstraint.memberOf(long).validate() }?.contains("too long") == true)
        #expect(message { _ = try PlacementPolicy(strategies: [.binpack("disk")]) } != nil)
    }

    @Test func codableUsesECSShapes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(PlacementStrategy.binpack("memory")), as: UTF8.self)
            == #"{"field":"memory","type":"binpack"}"#)
        #expect(String(decoding: try encoder.encode(PlacementConstraint.distinctInstance), as: UTF8.self)
            == #"{"type":"distinctInstance"}"#)
        let decoded = try JSONDecoder().decode(
            PlacementConstraint.self, from: Data(#"{"type":"memberOf","expression":"attribute:a == b"}"#.utf8))
        #expect(decoded == .memberOf("attribute:a == b"))
    }
}
