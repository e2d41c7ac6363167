import ArgumentParser
import Engine
import Foundation

extension Ecsform {
    /// `ecsform show [PLANFILE]`: a saved plan, or the state.
    struct ShowCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a saved plan, or the state.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A plan file saved by `plan --out` (default: show the state).") var planFile: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            try await Report.run {
                if let planFile {
                    let saved = try Engine.loadPlan(from: planFile)
                    if json {
                        Console.shared.line(PlanJSON.render(saved.plan))
                    } else {
                        let context = CommandContext(global: global, directory: saved.stackDirectory)
                        let human = PlanHuman(differ: Differ(hasher: try context.store.sensitiveHasher()), style: Style(color: global.useColor))
                        Console.shared.write(human.render(saved.plan))
                    }
                    return
                }
                let context = CommandContext(global: global, directory: nil)
                guard let state = try await context.store.load() else {
                    throw EngineError("there is no state at \(context.store.path)")
                }
                Console.shared.write(json ? StateJSON.render(state) + "\n" : StateHuman.state(state))
            }
        }
    }
}
