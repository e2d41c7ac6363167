import ArgumentParser
import Engine
import Foundation
import StackConfig

/// What most commands start from: the stack directory, the state store, the engine.
struct CommandContext {
    let global: GlobalOptions
    let directory: String
    let store: FileStateStore

    init(global: GlobalOptions, directory: String?) {
        self.global = global
        self.directory = directory ?? "."
        self.store = FileStateStore(path: global.statePath(stackDirectory: self.directory),
                                    warn: { Report.warning($0) })
    }

    /// The engine over the configured provider.
    func engine() async throws -> Engine {
        Engine(provider: try await makeProvider(global: global), store: store)
    }

    /// Loads and validates the stack; diagnostics go to standard error and mean exit 1.
    func stack(extraVariables: [String: Value] = [:]) throws -> Stack {
        try StackSource.load(directory: directory, global: global, extraVariables: extraVariables)
    }

    /// The state lock, held until `release()`.
    func lock(_ operation: String, timeout: Double) async throws -> any StateLock {
        try await store.lock(operation: operation, timeout: .milliseconds(Int(max(0, timeout) * 1000)))
    }

    /// True when standard input is a terminal (confirmation prompts).
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Asks for `yes`; false on anything else or end of input.
    static func confirm(_ question: String, detail: String) -> Bool {
        Console.shared.line(question)
        Console.shared.line("  \(detail)")
        Console.shared.line("  Only 'yes' will be accepted to approve.")
        Console.shared.line()
        Console.shared.write("  Enter a value: ")
        let answer = readLine(strippingNewline: true)
        Console.shared.line()
        return answer?.trimmingCharacters(in: .whitespaces) == "yes"
    }

    /// `--target ADDR` values, parsed.
    static func targets(_ texts: [String]) throws -> [ResourceAddress] {
        try texts.map {
            guard let a = ResourceAddress(parsing: $0) else {
                throw EngineError("--target \($0): not a resource address (TYPE.NAME, e.g. service.web)")
            }
            return a
        }
    }
}
