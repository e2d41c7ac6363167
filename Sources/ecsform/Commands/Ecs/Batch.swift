import ArgumentParser
import Foundation
import Orchestrator

extension Ecs {
    /// Not an `aws ecs` action: runs many actions in one process, for scripts. Reads JSON
    /// Lines `{"action": "CreateCluster", "input": {...}}` from standard input and writes one
    /// line per action, after it has committed: `{"action": ..., "output": {...}}` or
    /// `{"action": ..., "error": {"__type": ..., "message": ...}}`. Exit 1 if any failed.
    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch", abstract: "Run actions given as JSON Lines on standard input (ecsform extension).")

        @OptionGroup var global: GlobalOptions

        struct Line: Decodable { var action: String; var input: JSONValue? }

        func run() async throws {
            let o = try ActionCall.open(global)
            var failed = false
            var number = 0
            while let text = readLine(strippingNewline: true) {
                number += 1
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                var result: [String: JSONValue]
                do {
                    let line = try JSONDecoder().decode(Line.self, from: Data(text.utf8))
                    result = ["action": .string(line.action)]
                    do {
                        let out = try await o.perform(action: line.action, input: try ECSJSON.encode(line.input ?? .object([:])))
                        result["output"] = try ECSJSON.decode(JSONValue.self, from: out)
                    } catch let e as ECSError {
                        failed = true
                        result["error"] = .object(["__type": .string(e.type), "message": .string(e.message)])
                    }
                } catch {
                    failed = true
                    result = ["error": .object(["__type": .string("SerializationException"),
                                                "message": .string("line \(number): expected {\"action\": NAME, \"input\": {...}}")])]
                }
                FileHandle.standardOutput.write(try ECSJSON.encode(JSONValue.object(result)) + Data("\n".utf8))
            }
            if failed { throw ExitCode(1) }
        }
    }
}
