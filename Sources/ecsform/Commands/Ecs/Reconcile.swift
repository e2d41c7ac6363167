import ArgumentParser
import Orchestrator

extension Ecs {
    /// Not an `aws ecs` action: runs the service controller over every cluster once (to a
    /// fixed point), e.g. after `inject-fault` changed running containers.
    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reconcile", abstract: "Converge every service now (ecsform extension).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let o = try ActionCall.open(global)
            try await ActionCall.reportingErrors { try await o.reconcileAll() }
        }
    }
}
