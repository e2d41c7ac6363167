import Foundation
import GRDB
import Testing
@testable import Orchestrator

/// `list(labels:)` answers from the indexed label rows: every label must match, removal
/// takes the labels along, and a store made before the index is backfilled when opened.
@Suite struct SimulatedRuntimeLabelTests {
    func spec(_ name: String, _ labels: [String: String], ports: [ContainerSpec.PortBinding] = []) -> ContainerSpec {
        ContainerSpec(name: name, image: "nginx:1.27", portBindings: ports, labels: labels)
    }

    @Test func listMatchesEveryLabelGiven() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        let a = try await runtime.create(spec("a", ["cluster": "c1", "task": "t1"], ports: [.init(containerPort: 80, hostPort: 8080)]))
        let b = try await runtime.create(spec("b", ["cluster": "c1", "task": "t2"]))
        let c = try await runtime.create(spec("c", ["cluster": "c2", "task": "t1"]))
        let d = try await runtime.create(spec("d", [:]))
        #expect(try await runtime.list(labels: ["cluster": "c1"]).map(\.id) == [a, b])
        #expect(try await runtime.list(labels: ["task": "t1"]).map(\.id) == [a, c])
        #expect(try await runtime.list(labels: ["cluster": "c1", "task": "t1"]).map(\.id) == [a])
        #expect(try await runtime.list(labels: ["cluster": "c3"]).isEmpty)
        #expect(try await runtime.list(labels: [:]).map(\.id) == [a, b, c, d])
        let first = try #require(try await runtime.list(labels: ["task": "t1", "cluster": "c1"]).first)
        #expect(first.labels == ["cluster": "c1", "task": "t1"])
        #expect(first.portBindings == [.init(containerPort: 80, hostPort: 8080)])
        #expect(try await runtime.list(labels: [:]).last?.labels == [:])
        #expect(try await runtime.inspect("a") == first)
    }

    @Test func removeTakesTheLabelsAlong() async throws {
        let runtime = try SimulatedRuntime(path: nil)
        let a = try await runtime.create(spec("a", ["cluster": "c1"]))
        let b = try await runtime.create(spec("b", ["cluster": "c1"]))
        try await runtime.remove(a, force: true)
        #expect(try await runtime.list(labels: ["cluster": "c1"]).map(\.id) == [b])
        let count = try await runtime.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM containerLabelsByValue") ?? -1 }
        #expect(count == 1)
    }

    @Test func storeFromBeforeTheIndexIsBackfilled() async throws {
        let path = temporaryStore()
        defer { try? FileManager.default.removeItem(at: path) }
        do {
            let queue = try DatabaseQueue(path: path.path)
            try SimulatedRuntime.migrator.migrate(queue, upTo: "v1")
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO containers (id, name, image, spec, labels, state, health, createdAt)
                    VALUES ('sim-000001', 'old', 'nginx', '{"image":"nginx","name":"old","portBindings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}],"environment":{},"labels":{"cluster":"c1"}}',
                            '{"cluster":"c1"}', 'running', 'none', 1700000000)
                    """)
            }
            try queue.close()
        }
        let runtime = try SimulatedRuntime(path: path)
        let found = try await runtime.list(labels: ["cluster": "c1"])
        #expect(found.map(\.name) == ["old"])
        #expect(found.first?.state == .running)
        #expect(found.first?.portBindings == [.init(containerPort: 80, hostPort: 0)])
    }
}
