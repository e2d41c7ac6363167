import Foundation
import Orchestrator

/// Places through the orchestrator's SQLite store: `prepare` registers the candidates as
/// container instances of a fresh store (not measured); `run` is one `BulkRunTasks` action,
/// which builds the placement snapshot from the store, places every task, and writes each
/// task row, the instances' remaining resources and the audit record in one transaction.
final class StorePlacementDriver: PlacementDriver {
    var name: String { "through the store" }
    private var directory: URL?
    private var orchestrator: Orchestrator?

    func prepare(_ scenario: PlacementScenario) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecsform-bench-store-\(UUID().uuidString)")
        let o = try Orchestrator(directory: dir, principal: "bench")
        directory = dir
        orchestrator = o
        try blocking {
            _ = try await o.createCluster(.init(clusterName: "bench"))
            let c = ContainerDefinition(
                name: "app", image: "bench", cpu: scenario.taskCPU, memory: scenario.taskMemory, memoryReservation: nil,
                essential: true, portMappings: nil, command: nil, entryPoint: nil, environment: nil, secrets: nil,
                healthCheck: nil, workingDirectory: nil, dockerLabels: nil, links: nil)
            _ = try await o.registerTaskDefinition(.init(family: "bench", containerDefinitions: [c]))
            for n in 0..<scenario.candidates {
                _ = try await o.registerContainerInstance(.init(
                    cluster: "bench",
                    totalResources: [Resource(name: "CPU", integerValue: scenario.candidateCPU),
                                     Resource(name: "MEMORY", integerValue: scenario.candidateMemory)],
                    attributes: [Attribute(name: "ecs.availability-zone", value: "zone-\(n % 3)")]))
            }
        }
    }

    func run(_ scenario: PlacementScenario) throws -> Int {
        guard let o = orchestrator else { throw BenchmarkError("prepare was not called") }
        return try blocking {
            try await o.bulkRunTasks(.init(cluster: "bench", taskDefinition: "bench", count: scenario.tasks, group: scenario.group,
                                           placementStrategy: scenario.strategies, launch: false)).placed
        }
    }

    func finish() throws {
        orchestrator = nil
        if let directory { try? FileManager.default.removeItem(at: directory) }
        directory = nil
    }
}

/// Runs async work from the benchmark's synchronous driver interface.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw BenchmarkError("no result") }
    return try result.get()
}

/// Carries a result out of a detached task; written once before the semaphore is signalled.
final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
