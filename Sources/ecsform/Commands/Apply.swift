import ArgumentParser
import Engine
import Foundation
import StackConfig

extension Ecsform {
    /// `ecsform apply [DIR | PLANFILE]`: plan (or check a saved plan), confirm, carry it out.
    struct ApplyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Make the infrastructure match the configuration.",
            discussion: "Asks for `yes` on a terminal unless --auto-approve. A saved plan is refused when the state, the stack files or the variables changed since it was made; sensitive variables must be supplied again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A stack directory (default: the current directory) or a plan file saved by `plan --out`.") var target: String?
        @Flag(name: .customLong("auto-approve"), help: "Do not ask for confirmation.") var autoApprove = false
        @Flag(help: "Print one JSON document summarising what happened (needs --auto-approve).") var json = false
        @Option(help: "How many changes to make at once.") var parallelism: Int = 10
        @Option(name: .customLong("target"), help: ArgumentHelp("Only this resource and what it depends on (repeatable).", valueName: "ADDR")) var targets: [String] = []
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func run() async throws {
            if parallelism < 1 { Report.error("--parallelism must be at least 1"); throw ExitCode.failure }
            if json, !autoApprove { Report.error("\(Self.configuration.commandName ?? "apply") --json needs --auto-approve (there is no prompt in JSON mode)"); throw ExitCode.failure }
            try await ApplyFlow(global: global, autoApprove: autoApprove, json: json, parallelism: parallelism,
                                lockTimeout: lockTimeout, destroy: false).run(argument: target, targets: targets)
        }
    }
}

/// What `apply` and `destroy` share: plan (or re-check a saved plan), show, confirm, apply, report.
struct ApplyFlow {
    let global: GlobalOptions
    let autoApprove: Bool
    let json: Bool
    let parallelism: Int
    let lockTimeout: Double
    let destroy: Bool

    func run(argument: String?, targets: [String]) async throws {
        var failed = false
        try await Report.run {
            var isDirectory: ObjCBool = false
            let savedPath = argument.flatMap { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue ? $0 : nil }
            let saved = try savedPath.map(Engine.loadPlan(from:))
            if saved != nil, !targets.isEmpty { throw EngineError("--target cannot be combined with a saved plan (the plan already records its targets)") }
            let context = CommandContext(global: global, directory: saved?.stackDirectory ?? argument)
            let stack = try context.stack(extraVariables: saved?.variables ?? [:])
            let engine = try await context.engine()
            let lock = try await context.lock(destroy ? "destroy" : "apply", timeout: lockTimeout)
            defer { lock.release() }
            let plan: Plan
            if let saved {
                plan = try await engine.replan(saved, stack: stack, parallelism: parallelism)
            } else {
                plan = try await engine.plan(stack: stack, options: PlanOptions(
                    destroy: destroy, targets: try CommandContext.targets(targets), parallelism: parallelism))
            }
            let style = Style(color: global.useColor)
            if !json {
                let human = PlanHuman(differ: Differ(hasher: try context.store.sensitiveHasher()), style: style)
                Console.shared.write(human.render(plan))
                Console.shared.line()
            }
            if plan.hasChanges, !autoApprove, saved == nil {
                guard CommandContext.stdinIsTerminal else {
                    throw EngineError("standard input is not a terminal, so ecsform cannot ask for confirmation; pass --auto-approve to \(destroy ? "destroy" : "apply") without it")
                }
                let question = destroy ? "Do you really want to destroy all resources?" : "Do you want to perform these actions?"
                let detail = destroy ? "ecsform will destroy all your managed infrastructure, as shown above." : "ecsform will perform the actions described above."
                guard CommandContext.confirm(question, detail: detail) else {
                    Report.error("\(destroy ? "Destroy" : "Apply") cancelled.")
                    throw ExitCode.failure
                }
            }
            let recorder = EventRecorder()
            let json = self.json
            let result = try await engine.apply(plan, stack: stack, options: ApplyOptions(parallelism: parallelism)) { event in
                if json { recorder.add(event) } else { Console.shared.line(ApplyProgress.line(event)) }
            }
            if json {
                Console.shared.line(ApplyJSON.render(stack: stack.name, result: result, events: recorder.events))
            } else {
                Console.shared.write(ApplySummary(style: style).render(result, destroy: destroy))
            }
            for f in result.failures { Report.error("\(f.address): \(f.message)") }
            failed = !result.succeeded
            ProcessLifetime.keep(result, plan, stack)
        }
        if failed { throw ExitCode.failure }
    }
}

/// Collects apply events for the JSON summary.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ApplyEvent] = []
    func add(_ e: ApplyEvent) { lock.withLock { items.append(e) } }
    var events: [ApplyEvent] { lock.withLock { items } }
}
