import Foundation
import Testing

/// A throw-away place to run the built `ecsform` on a copy of a stack: its own orchestrator
/// directory and state file, so tests never share anything.
struct StackWorkspace {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/ecsform")

    let directory: URL
    var stack: URL { directory.appendingPathComponent("stack") }
    var orchestrator: URL { directory.appendingPathComponent("orchestrator") }
    var state: URL { directory.appendingPathComponent("ecsform.state.json") }
    var principal = "e2e-ecsform"

    /// Copies `stacks/NAME` into a fresh temporary directory.
    init(copying name: String = "demo") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecsform-stack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("stacks/\(name)"), to: stack)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// A started `ecsform` child; stdout and stderr go to files in the workspace.
    final class Running: @unchecked Sendable {
        let process: Process
        let out: URL
        let err: URL
        init(process: Process, out: URL, err: URL) { self.process = process; self.out = out; self.err = err }
        func wait() -> Result {
            process.waitUntilExit()
            return Result(status: process.terminationStatus,
                          stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }
    }

    /// Starts `ecsform ARGS...` with this workspace's orchestrator and state. `{stack}` in an
    /// argument is replaced by the stack directory.
    func start(_ args: [String], principal: String? = nil) throws -> Running {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args.map { $0.replacingOccurrences(of: "{stack}", with: stack.path) }
        var env = ProcessInfo.processInfo.environment
        env["ECSFORM_ORCHESTRATOR"] = orchestrator.path
        env["ECSFORM_STATE"] = state.path
        env["ECSFORM_PRINCIPAL"] = principal ?? self.principal
        env["NO_COLOR"] = "1"
        p.environment = env
        p.currentDirectoryURL = directory
        let id = UUID().uuidString
        let out = directory.appendingPathComponent("stdout-\(id).txt")
        let err = directory.appendingPathComponent("stderr-\(id).txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return Running(process: p, out: out, err: err)
    }

    @discardableResult
    func run(_ args: String..., principal: String? = nil) throws -> Result {
        try start(args, principal: principal).wait()
    }

    /// Runs and requires exit status `status`, with the output in the failure message.
    @discardableResult
    func expect(_ status: Int32, _ args: String..., principal: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        try expect(status, args, principal: principal, sourceLocation: sourceLocation)
    }

    @discardableResult
    func expect(_ status: Int32, _ args: [String], principal: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let r = try start(args, principal: principal).wait()
        #expect(r.status == status, "ecsform \(args.joined(separator: " ")): \(r)", sourceLocation: sourceLocation)
        return r
    }

    /// An `ecsform ecs|iam|secretsmanager ...` call's JSON response (exit 0 required).
    func api(_ args: String...) throws -> [String: Any] { try api(args) }

    func api(_ args: [String]) throws -> [String: Any] {
        let r = try start(args).wait()
        guard r.status == 0, let json = r.json else {
            throw WorkspaceError("ecsform \(args.joined(separator: " ")) failed: \(r)")
        }
        return json
    }

    /// The state file as JSON (throws when it does not parse).
    func stateJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: state)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw WorkspaceError("the state file is not a JSON object")
        }
        return json
    }

    /// address → id of every resource in state.
    func stateIDs() throws -> [String: String] {
        var out: [String: String] = [:]
        for r in (try stateJSON()["resources"] as? [[String: Any]]) ?? [] {
            if let a = r["address"] as? String, let id = r["id"] as? String { out[a] = id }
        }
        return out
    }

    /// Every regular file under the workspace (state, backups, locks, outputs, the
    /// orchestrator's SQLite files and keys), for secret leak checks.
    func allFiles() -> [URL] {
        guard let e = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return e.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// Appends text to the stack's main.yaml.
    func editStack(_ transform: (String) -> String) throws {
        let file = stack.appendingPathComponent("main.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try transform(text).write(to: file, atomically: true, encoding: .utf8)
    }
}

struct WorkspaceError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// End-to-end stack tests need the binary built with a provider (`swift build` first).
enum StackTests {
    static var binaryBuilt: Bool { FileManager.default.isExecutableFile(atPath: StackWorkspace.binary.path) }
}
