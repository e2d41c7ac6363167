import ArgumentParser
import Engine
import Foundation

extension Ecsform {
    /// `ecsform import [DIR] ADDR ID`.
    struct ImportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Bring an existing orchestrator object under management.",
            discussion: "ADDR must be configured in the stack and not yet in state.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "[DIR] ADDR ID") var arguments: [String] = []
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func validate() throws {
            guard arguments.count == 2 || arguments.count == 3 else {
                throw ValidationError("expected [DIR] ADDR ID, e.g. `ecsform import service.web arn:...`")
            }
        }

        func run() async throws {
            try await Report.run {
                let dir = arguments.count == 3 ? arguments[0] : nil
                let address = try Ecsform.StateCommand.address(arguments[arguments.count - 2])
                let id = arguments[arguments.count - 1]
                let context = CommandContext(global: global, directory: dir)
                let stack = try context.stack()
                let engine = try await context.engine()
                let lock = try await context.lock("import", timeout: lockTimeout)
                defer { lock.release() }
                let r = try await engine.importResource(stack: stack, address: address, id: id)
                Console.shared.line("\(address): Import complete [id=\(r.id)]")
                Console.shared.line("The resource is now managed; run `ecsform plan` to see how it differs from the configuration.")
            }
        }
    }
}
