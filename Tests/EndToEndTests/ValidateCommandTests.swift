import Foundation
import Testing

/// `ecsform validate` as a user runs it: messages, exit status, `--json`, `--var`.
/// The malformed corpus itself (including the semantic cases 100+) is run by
/// SchemaAgreementTests.validateReportsExpectedPlaces.
@Suite("ecsform validate", .enabled(if: StackCorpus.validateAvailable))
struct ValidateCommandTests {
    func run(_ arguments: [String], in directory: URL = StackCorpus.root) async throws -> ChildProcess.Result {
        try await ChildProcess(executable: StackCorpus.binary, arguments: arguments, directory: directory).run()
    }

    func tempStack(_ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appending(path: "ecsform-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appending(path: "main.yaml"))
        return dir
    }

    @Test func validStackSaysSuccess() async throws {
        let result = try await run(["validate", "stacks/demo"])
        #expect(result.status == 0)
        #expect(result.output.contains("Success! The stack \"demo\" is valid"))
    }

    @Test func errorsAreLocatedWithTheLineAndACaret() async throws {
        let dir = try tempStack("clusters:\n  main:\n    capacity: spot\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await run(["validate", dir.lastPathComponent], in: dir.deletingLastPathComponent())
        #expect(result.status == 1)
        #expect(result.output.contains("\(dir.lastPathComponent)/main.yaml:3:15: error: `capacity` must be one of `ec2`, `fargate`, not `spot`\n    capacity: spot\n              ^\n"))
    }

    @Test func jsonOutputHasTerraformsShape() async throws {
        let dir = try tempStack("clusters:\n  main: {capacity: spot}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await run(["validate", "--json", dir.path])
        #expect(result.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(doc["valid"] as? Bool == false)
        #expect(doc["error_count"] as? Int == 1)
        let diagnostic = try #require((doc["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["severity"] as? String == "error")
        let range = try #require(diagnostic["range"] as? [String: Any])
        #expect(range["filename"] as? String == dir.path + "/main.yaml")
        let start = try #require(range["start"] as? [String: Any])
        #expect(start["line"] as? Int == 2 && start["column"] as? Int == 20)
    }

    @Test func variablesComeFromTheCommandLine() async throws {
        let dir = try tempStack("variables:\n  n: {type: number}\nclusters:\n  main:\n    capacity: ec2\n    instances: {count: \"${var.n}\"}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try await run(["validate", dir.path])
        #expect(missing.status == 1)
        #expect(missing.output.contains("variable `n` is required"))
        let given = try await run(["validate", "--var", "n=2", dir.path])
        #expect(given.status == 0, "\(given.output)")
        let wrong = try await run(["validate", "--var", "n=two", dir.path])
        #expect(wrong.status == 1)
        #expect(wrong.output.contains("--var n=two: variable `n` is a number"))
    }

    @Test func missingDirectoryIsAClearError() async throws {
        let result = try await run(["validate", "no/such/stack"])
        #expect(result.status == 1)
        #expect(result.output.contains("error: stack directory `no/such/stack` does not exist"))
    }
}
