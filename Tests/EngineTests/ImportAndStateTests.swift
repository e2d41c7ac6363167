import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

@Suite struct ImportAndStateTests {
    @Test func importBringsAnExistingObjectUnderManagement() async throws {
        let h = Harness()
        h.provider.insert(type: "cluster", id: "mem:cluster/legacy/0",
                          attributes: ["name": .string("legacy"), "size": .int(2), "arn": .string("arn:legacy"), "id": .string("mem:cluster/legacy/0")])
        var b = StackBuilder(name: "shop")
        b.resource("cluster.legacy", ["name": .string("legacy"), "size": .int(2)])
        let imported = try await h.engine.importResource(stack: b.build(), address: addr("cluster.legacy"), id: "mem:cluster/legacy/0")
        #expect(imported.id == "mem:cluster/legacy/0")
        #expect(try await h.state()[addr("cluster.legacy")]?.attributes["size"] == .int(2))
        #expect(!(try await h.engine.plan(stack: b.build())).hasChanges)
        // Twice is an error, as are unknown addresses and ids.
        await #expect(throws: EngineError.self) {
            try await h.engine.importResource(stack: b.build(), address: addr("cluster.legacy"), id: "mem:cluster/legacy/0")
        }
        await #expect(throws: EngineError.self) {
            try await h.engine.importResource(stack: b.build(), address: addr("cluster.nope"), id: "x")
        }
        b.resource("cluster.other", ["name": .string("other")])
        await #expect(throws: EngineError.self) {
            try await h.engine.importResource(stack: b.build(), address: addr("cluster.other"), id: "missing")
        }
    }

    @Test func stateRemoveForgetsWithoutDeletingAndKeepsABackup() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let before = try await h.state()
        let state = try await h.engine.removeFromState([addr("service.web")])
        #expect(state[addr("service.web")] == nil)
        #expect(try await h.state().serial == before.serial + 1)
        #expect(h.provider.objects.count == 4)
        let backup = try StateFile.decode(Data(contentsOf: URL(fileURLWithPath: h.store.backupPath)), path: "b")
        #expect(backup[addr("service.web")] != nil)
        await #expect(throws: EngineError.self) { try await h.engine.removeFromState([addr("service.web")]) }
    }

    @Test func stateMoveRenamesAndRewritesDependencies() async throws {
        let h = Harness()
        try await h.apply(shopStack())
        let state = try await h.engine.moveInState(from: addr("cluster.main"), to: addr("cluster.primary"))
        #expect(state[addr("cluster.main")] == nil)
        #expect(state[addr("cluster.primary")] != nil)
        #expect(state[addr("service.web")]?.dependencies.contains(addr("cluster.primary")) == true)
        await #expect(throws: EngineError.self) {
            try await h.engine.moveInState(from: addr("cluster.primary"), to: addr("service.primary"))
        }
        await #expect(throws: EngineError.self) {
            try await h.engine.moveInState(from: addr("cluster.primary"), to: addr("service.web"))
        }
    }
}
