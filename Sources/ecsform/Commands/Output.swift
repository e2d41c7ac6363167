import ArgumentParser
import Foundation
import Engine

extension Ecsform {
    /// `ecsform output [DIR] [NAME]`: outputs from state.
    struct OutputCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "output", abstract: "Print outputs from state (sensitive ones as (sensitive)).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "[DIR] [NAME]: the stack directory and an output's name, both optional.") var arguments: [String] = []
        @Flag(help: "Print JSON: {\"name\": {\"sensitive\": false, \"value\": ...}}.") var json = false

        func validate() throws {
            if arguments.count > 2 { throw ValidationError("expected at most DIR and NAME") }
        }

        func run() async throws {
            try await Report.run {
                // One argument is a directory if one exists by that name, else an output name.
                var dir: String? = nil, name: String? = nil
                if arguments.count == 2 {
                    dir = arguments[0]; name = arguments[1]
                } else if let only = arguments.first {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: only, isDirectory: &isDir), isDir.boolValue { dir = only } else { name = only }
                }
                let context = CommandContext(global: global, directory: dir)
                let outputs = try await context.store.load()?.outputs ?? [:]
                if let name {
                    guard let o = outputs[name] else {
                        throw EngineError("no output named \"\(name)\" in the state (outputs: \(outputs.keys.sorted().joined(separator: ", ")))")
                    }
                    Console.shared.line(json ? OutputJSON.entry(o) : OutputHuman.value(o))
                } else if json {
                    Console.shared.line(OutputJSON.render(outputs))
                } else {
                    Console.shared.write(OutputHuman.render(outputs))
                }
            }
        }
    }
}
