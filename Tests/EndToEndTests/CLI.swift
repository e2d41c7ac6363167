import Foundation
import Testing

/// Runs the built `ecsform` binary (.build/debug/ecsform, found from this file's path).
struct CLI {
    static let binary: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/ecsform")

    let store: URL

    init() throws {
        store = FileManager.default.temporaryDirectory.appendingPathComponent("ecsform-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: store) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    func process(_ args: [String], stdin: URL? = nil) throws -> (Process, URL, URL) {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["ECSFORM_ORCHESTRATOR"] = store.path
        env["ECSFORM_PRINCIPAL"] = "e2e"
        p.environment = env
        let out = store.appendingPathComponent("out-\(UUID().uuidString)")
        let err = store.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        if let stdin { p.standardInput = try FileHandle(forReadingFrom: stdin) }
        return (p, out, err)
    }

    @discardableResult
    func run(_ args: String..., stdin: URL? = nil) throws -> Result { try run(args, stdin: stdin) }

    @discardableResult
    func run(_ args: [String], stdin: URL? = nil) throws -> Result {
        let (p, out, err) = try process(args, stdin: stdin)
        try p.run()
        p.waitUntilExit()
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Writes JSON Lines for `ecsform ecs batch`.
    func batchFile(_ lines: [[String: Any]]) throws -> URL {
        let url = store.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        var text = ""
        for l in lines { text += String(decoding: try JSONSerialization.data(withJSONObject: l), as: UTF8.self) + "\n" }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Every ARN of a paginated list action.
    func listAll(_ args: [String], key: String) throws -> [String] {
        var out: [String] = []
        var token: String?
        repeat {
            var a = args + ["--max-results", "100"]
            if let token { a += ["--next-token", token] }
            let r = try run(a)
            guard r.status == 0, let obj = r.json as? [String: Any] else { throw CLIError(message: r.stderr) }
            out += obj[key] as? [String] ?? []
            token = obj["nextToken"] as? String
        } while token != nil
        return out
    }

    struct CLIError: Error { var message: String }
}
