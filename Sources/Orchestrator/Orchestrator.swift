import Foundation
import GRDB

/// The embedded orchestrator: ECS-shaped actions over a durable store, with a service
/// controller that converges services after every mutating action (so callers see steady
/// state under the simulated runtime). Safe to share between tasks and processes.
public final class Orchestrator: Sendable {
    let store: Store
    let principal: String
    let sealer: SecretSealer
    let driver: any TaskDriver
    /// Upper bound on controller passes per action, so a converge always ends.
    let maxPasses: Int
    /// Where every converge of this orchestrator goes, so concurrent ones share their passes.
    let converges: ConvergeQueue

    /// The simulated runtime's file inside an orchestrator directory, shared by every
    /// process that opens the directory (so `inject-fault` reaches the containers).
    public static let simulatedRuntimeFileName = "runtime.sqlite"

    /// Opens (creating if needed) the orchestrator whose store is `directory/orchestrator.sqlite`.
    /// `principal` defaults to `ECSFORM_PRINCIPAL`, else `user@host`; `runtime` defaults to the
    /// simulated runtime in `directory/runtime.sqlite`.
    public convenience init(directory: URL, principal: String? = nil, runtime: (any ContainerRuntime)? = nil) throws {
        let store = try Store(directory: directory)
        let rt = try runtime ?? SimulatedRuntime(path: directory.appendingPathComponent(Self.simulatedRuntimeFileName))
        try self.init(store: store, sealer: SecretSealer(directory: directory), principal: principal,
                      driver: RuntimeTaskDriver(runtime: rt))
    }

    /// An orchestrator whose store lives only in memory (with an in-memory simulated runtime
    /// unless one is given), for tests and dry runs.
    public static func inMemory(principal: String? = nil, runtime: (any ContainerRuntime)? = nil) throws -> Orchestrator {
        try Orchestrator(store: Store(), sealer: SecretSealer(), principal: principal,
                         driver: RuntimeTaskDriver(runtime: runtime ?? SimulatedRuntime(path: nil)))
    }

    init(store: Store, sealer: SecretSealer, principal: String?, driver: any TaskDriver, maxPasses: Int = 40) {
        self.store = store
        self.sealer = sealer
        self.principal = principal ?? AuditLog.defaultPrincipal()
        self.driver = driver
        self.maxPasses = maxPasses
        let controller = ServiceController(store: store, driver: driver, sealer: sealer, maxPasses: maxPasses)
        converges = ConvergeQueue { scope, touched, placed, settleFirst in
            try await controller.converge(scope, touched: touched, placed: placed, settleFirst: settleFirst)
        }
    }

    /// Closes the store's database connections (the orchestrator must not be used after),
    /// so its directory can be removed at once; deinitialising closes them too, later.
    public func close() throws {
        try store.writer.close()
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await store.read(body)
    }
}
