import Foundation

/// The stacks the schema and `ecsform validate` must agree on: `stacks/*`,
/// `Tests/Fixtures/valid/*` and `Tests/Fixtures/invalid/*` (see Tests/Fixtures/README.md).
enum StackCorpus {
    /// The package root, found from this file's place so tests run from any directory.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let invalidDirectory = root.appending(path: "Tests/Fixtures/invalid")
    static let binary = root.appending(path: ".build/debug/ecsform")
    static let schemaCheck = root.appending(path: "scripts/schema_check.py")

    /// What a case's `expected` file says.
    struct Expectation: Sendable, Equatable {
        /// `error FILE:LINE` lines: places the loader must report.
        var errors: [Place] = []
        var schemaInvalid = false
        var valid = false

        struct Place: Sendable, Equatable, CustomStringConvertible {
            var file: String
            var line: Int
            var description: String { "\(file):\(line)" }
        }
    }

    enum ExpectationError: Error, CustomStringConvertible {
        case unreadable(String, line: String)
        var description: String {
            switch self {
            case .unreadable(let path, let line): "\(path): cannot read line \"\(line)\""
            }
        }
    }

    static func parseExpectation(_ text: String, path: String) throws -> Expectation {
        var expectation = Expectation()
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line == "valid" {
                expectation.valid = true
            } else if line == "schema invalid" {
                expectation.schemaInvalid = true
            } else if line.hasPrefix("error "),
                      let colon = line.lastIndex(of: ":"),
                      let number = Int(line[line.index(after: colon)...]) {
                let file = line[line.index(line.startIndex, offsetBy: 6)..<colon]
                    .trimmingCharacters(in: .whitespaces)
                expectation.errors.append(.init(file: file, line: number))
            } else {
                throw ExpectationError.unreadable(path, line: String(line))
            }
        }
        return expectation
    }

    static func expectation(of directory: URL) throws -> Expectation {
        let file = directory.appending(path: "expected")
        return try parseExpectation(String(contentsOf: file, encoding: .utf8), path: file.path)
    }

    /// Subdirectories of `relativePath`, as paths relative to the package root, sorted.
    static func directories(in relativePath: String) -> [String] {
        let base = root.appending(path: relativePath)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: base.appending(path: name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map { "\(relativePath)/\($0)" }
    }

    /// Stacks that must be valid: the examples and the valid fixtures.
    static var validStacks: [String] {
        directories(in: "stacks") + directories(in: "Tests/Fixtures/valid")
    }

    /// Every invalid case, relative to the package root.
    static var invalidCases: [String] { directories(in: "Tests/Fixtures/invalid") }

    /// Invalid cases whose `expected` says the schema must reject them too.
    static var schemaInvalidCases: [String] {
        invalidCases.filter { (try? expectation(of: root.appending(path: $0)))?.schemaInvalid == true }
    }

    /// `scripts/schema_check.py DIR` run from DIR's parent, as the loader names files.
    static func schemaCheck(_ relativePath: String) async throws -> ChildProcess.Result {
        let directory = root.appending(path: relativePath)
        return try await ChildProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", schemaCheck.path, directory.lastPathComponent],
            directory: directory.deletingLastPathComponent()
        ).run()
    }

    /// `ecsform validate DIR` run from DIR's parent.
    static func validate(_ relativePath: String) async throws -> ChildProcess.Result {
        let directory = root.appending(path: relativePath)
        return try await ChildProcess(
            executable: binary,
            arguments: ["validate", directory.lastPathComponent],
            directory: directory.deletingLastPathComponent()
        ).run()
    }

    /// True once the built binary has a real `validate` command (the skeleton prints its
    /// name for any arguments, so its help text is required, not just exit status 0).
    static let validateAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return false }
        let result = try? ChildProcess(executable: binary, arguments: ["validate", "--help"], directory: root)
            .runBlocking()
        guard let result, result.status == 0 else { return false }
        return result.output.contains("USAGE:") && result.output.contains("validate")
    }()

    /// True when python3 can run scripts/schema_check.py (jsonschema and PyYAML installed;
    /// `make deps` installs them).
    static let schemaCheckAvailable: Bool = {
        let result = try? ChildProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", "-c", "import jsonschema, yaml"],
            directory: root
        ).runBlocking()
        return result?.status == 0
    }()
}
