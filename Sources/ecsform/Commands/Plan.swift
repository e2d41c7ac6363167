import ArgumentParser
import Engine
import Foundation
import StackConfig

extension Ecsform {
    /// `ecsform plan [DIR]`: refresh, diff, print the plan; `--out` saves it for `apply`.
    struct PlanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Show what apply would change.",
            discussion: "Exit status: 0 ok (with --detailed-exitcode: 0 no changes, 2 changes), 1 error. Sensitive variable values are not saved in --out plan files: supply them again when applying the plan.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stack directory (default: the current directory).") var dir: String?
        @Option(help: ArgumentHelp("Save the plan to FILE for `ecsform apply FILE`.", valueName: "FILE")) var out: String?
        @Flag(help: "Print the plan as one JSON document.") var json = false
        @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 with no changes, 2 with changes, 1 on error.") var detailedExitcode = false
        @Flag(name: .customLong("no-refresh"), help: "Diff against state without reading the real objects.") var noRefresh = false
        @Flag(help: "Plan the destruction of everything in state.") var destroy = false
        @Option(name: .customLong("target"), help: ArgumentHelp("Only this resource and what it depends on (repeatable).", valueName: "ADDR")) var targets: [String] = []
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func run() async throws {
            var changes = false
            try await Report.run {
                let context = CommandContext(global: global, directory: dir)
                // The stack loads on another thread while state is read and refreshed.
                let loading = StackLoading(context: context)
                let engine: Engine
                let lock: any StateLock
                let options: PlanOptions
                do {
                    engine = try await context.engine()
                    lock = try await context.lock("plan", timeout: lockTimeout)
                    options = PlanOptions(refresh: !noRefresh, destroy: destroy, targets: try CommandContext.targets(targets))
                } catch {
                    try await loading.rethrowFailure()
                    throw error
                }
                defer { lock.release() }
                let unrefreshed: PlanBasis
                do {
                    unrefreshed = try await engine.unrefreshedBasis()
                } catch {
                    try await loading.rethrowFailure()
                    throw error
                }
                // The refresh runs beside the rest of the stack load; once the stack is loaded,
                // it is planned against persisted state while the refresh finishes, and that
                // plan is the plan when the refresh finds nothing changed outside ecsform.
                let refreshing = Refreshing(engine: engine, basis: unrefreshed, options: options)
                let stack: Stack
                do {
                    stack = try await loading.value()
                } catch {
                    _ = await refreshing.basis()
                    throw error
                }
                let early = options.refresh && !refreshing.isDone
                    ? try? engine.plan(stack: stack, basis: unrefreshed, options: options) : nil
                let basis = await refreshing.basis()
                let plan = try engine.plan(stack: stack, basis: basis, options: options, early: early)
                if let out {
                    try await engine.savePlan(plan, stack: stack, to: out)
                }
                if json {
                    Console.shared.line(PlanJSON.render(plan))
                } else {
                    let human = PlanHuman(differ: Differ(hasher: try context.store.sensitiveHasher()), style: Style(color: global.useColor))
                    Console.shared.write(human.render(plan))
                    if let out {
                        Console.shared.line("\nSaved the plan to \(out). To perform exactly these actions, run:\n    ecsform apply \(out)")
                        let secrets = stack.variables.filter { $0.value.isSensitive }.keys.sorted()
                        if !secrets.isEmpty {
                            Console.shared.line("Sensitive variables (\(secrets.joined(separator: ", "))) are not saved in the plan; supply them again to apply it.")
                        }
                    }
                }
                changes = plan.hasChanges
                ProcessLifetime.keep(plan, basis, unrefreshed, early as Any, stack)
            }
            if detailedExitcode, changes { throw ExitCode(2) }
        }
    }
}
