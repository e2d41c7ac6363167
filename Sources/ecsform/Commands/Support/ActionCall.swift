import ArgumentParser
import Foundation
import Orchestrator

/// Runs one orchestrator action for a command: merges `--cli-input-json` with the options,
/// calls `perform`, prints the response JSON, and reports errors as `Type: message` (exit 1).
enum ActionCall {
    static func run(_ action: String, global: GlobalOptions, input: ActionInput, fields: [String: JSONValue]) async throws {
        var request = try input.base()
        for (k, v) in fields { request[k] = v }
        let o = try open(global)
        try await reportingErrors {
            let out = try await o.perform(action: action, input: try ECSJSON.encode(JSONValue.object(request)))
            let pretty = try ECSJSON.encode(try ECSJSON.decode(JSONValue.self, from: out), pretty: true)
            FileHandle.standardOutput.write(pretty + Data("\n".utf8))
        }
    }

    /// The embedded orchestrator at `--orchestrator` (a directory).
    static func open(_ global: GlobalOptions) throws -> Orchestrator {
        let location = global.orchestratorLocation
        if location.hasPrefix("http://") || location.hasPrefix("https://") {
            fail("error: a remote orchestrator (\(location)) is not supported yet; pass a directory to --orchestrator.")
        }
        do {
            return try Orchestrator(directory: URL(fileURLWithPath: location, isDirectory: true))
        } catch {
            fail("error: cannot open the orchestrator store in \(location): \(error)")
        }
    }

    static func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ECSError {
            fail("\(e.type): \(e.message)")
        } catch {
            fail("error: \(error)")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}
