import ArgumentParser
import Foundation
import Engine

extension Ecsform {
    /// `ecsform drift [DIR]`: refresh only; IN_SYNC / MODIFIED / DELETED per resource.
    struct DriftCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Report managed resources changed or deleted outside ecsform.",
            discussion: "Exit status: 0 in sync, 2 drift found, 1 error.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stack directory (default: the current directory).") var dir: String?
        @Flag(help: "Print the report as one JSON document.") var json = false

        func run() async throws {
            var drifted = false
            try await Report.run {
                let context = CommandContext(global: global, directory: dir)
                // The orchestrator opens while the state is read (when there is a state file:
                // without one, nothing is opened or created).
                let global = self.global
                let opening = FileManager.default.fileExists(atPath: context.store.path)
                    ? Task { try await makeProvider(global: global) } : nil
                guard let state = try await context.store.load() else {
                    throw EngineError("there is no state at \(context.store.path); nothing is managed yet (run `ecsform apply` first)")
                }
                let provider: any Provider
                if let opening { provider = try await opening.value } else { provider = try await makeProvider(global: global) }
                let engine = Engine(provider: provider, store: context.store)
                let basis = try await engine.driftBasis(state: state)
                // The configuration only narrows the report of modified objects
                // (lifecycle.ignore_changes), so it is read only when some object was modified;
                // drift works from state alone when the stack cannot be read.
                let stack = basis.hasModifications ? try? context.stack() : nil
                let report = await engine.drift(basis: basis, stack: stack)
                if json {
                    Console.shared.line(DriftJSON.render(report))
                } else {
                    Console.shared.write(DriftHuman(style: Style(color: global.useColor)).render(report))
                }
                drifted = !report.inSync
                ProcessLifetime.keep(report, basis, stack as Any, state)
            }
            if drifted { throw ExitCode(2) }
        }
    }
}
