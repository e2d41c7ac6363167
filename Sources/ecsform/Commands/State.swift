import ArgumentParser
import Engine
import StackConfig

extension Ecsform {
    /// `ecsform state list | show ADDR | rm ADDR | mv FROM TO`.
    struct StateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "state", abstract: "Read and edit the state (rm and mv keep a backup).",
            subcommands: [List.self, Show.self, Remove.self, Move.self])
    }
}

extension Ecsform.StateCommand {
    static func address(_ text: String) throws -> ResourceAddress {
        guard let a = ResourceAddress(parsing: text) else {
            throw EngineError("\(text): not a resource address (TYPE.NAME, e.g. service.web)")
        }
        return a
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List managed resources.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stack directory whose state to read (default: the current directory).") var dir: String?

        func run() async throws {
            try await Report.run {
                let context = CommandContext(global: global, directory: dir)
                let state = try await context.store.load()
                for r in state?.sortedResources ?? [] { Console.shared.line(r.address.description) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one resource's attributes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The resource address.") var address: String
        @Option(help: "The stack directory whose state to read.") var dir: String?

        func run() async throws {
            try await Report.run {
                let a = try Ecsform.StateCommand.address(address)
                let context = CommandContext(global: global, directory: dir)
                guard let r = try await context.store.load()?[a] else {
                    throw EngineError("\(a) is not in the state (see `ecsform state list`)")
                }
                Console.shared.write(StateHuman.resource(r))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Forget resources without deleting their objects.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Resource addresses.") var addresses: [String]
        @Option(help: "The stack directory whose state to edit.") var dir: String?
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func run() async throws {
            try await Report.run {
                let list = try addresses.map(Ecsform.StateCommand.address)
                guard !list.isEmpty else { throw EngineError("name at least one resource to remove") }
                let context = CommandContext(global: global, directory: dir)
                let lock = try await context.lock("state rm", timeout: lockTimeout)
                defer { lock.release() }
                let engine = Engine(provider: NoProvider(), store: context.store)
                try await engine.removeFromState(list)
                Console.shared.line("Removed \(list.count) resource\(list.count == 1 ? "" : "s") from the state (backup: \(context.store.backupPath)).")
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mv", abstract: "Rename a resource in state.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The current address.") var from: String
        @Argument(help: "The new address.") var to: String
        @Option(help: "The stack directory whose state to edit.") var dir: String?
        @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to SECONDS for the state lock.", valueName: "SECONDS")) var lockTimeout: Double = 0

        func run() async throws {
            try await Report.run {
                let a = try Ecsform.StateCommand.address(from), b = try Ecsform.StateCommand.address(to)
                let context = CommandContext(global: global, directory: dir)
                let lock = try await context.lock("state mv", timeout: lockTimeout)
                defer { lock.release() }
                try await Engine(provider: NoProvider(), store: context.store).moveInState(from: a, to: b)
                Console.shared.line("Moved \(a) to \(b) (backup: \(context.store.backupPath)).")
            }
        }
    }
}
