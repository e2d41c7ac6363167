import Foundation
import Testing

/// The JSON Schema (`schemas/stack.schema.json`, checked by `scripts/schema_check.py`) and
/// `ecsform validate` implement one contract (shared/spec/stack-format.md): on every stack of
/// the corpus they must reach the same verdict, and `validate` must point at the places the
/// fixtures name. `scripts/check_fixtures.py` runs the same checks without Swift.
@Suite("Schema and validate agree on the stack corpus")
struct SchemaAgreementTests {
    // MARK: The corpus itself

    @Test("every fixture says what it expects")
    func corpusIsWellFormed() throws {
        #expect(StackCorpus.validStacks.count >= 3)
        for stack in StackCorpus.validStacks where stack.hasPrefix("Tests/") {
            let expectation = try StackCorpus.expectation(of: StackCorpus.root.appending(path: stack))
            #expect(expectation.valid, "\(stack)/expected must say valid")
        }
        let cases = StackCorpus.invalidCases
        let structural = cases.filter { ($0.split(separator: "/").last.flatMap { Int($0.prefix(3)) } ?? 1000) < 100 }
        #expect(structural.count >= 20, "at least 20 structural cases (001-099)")
        for invalidCase in cases {
            let directory = StackCorpus.root.appending(path: invalidCase)
            let expectation = try StackCorpus.expectation(of: directory)
            #expect(!expectation.valid, "\(invalidCase) is in invalid/ but expects valid")
            #expect(!expectation.errors.isEmpty, "\(invalidCase)/expected names no error FILE:LINE")
            for place in expectation.errors {
                // Bytes, not text: some cases are deliberately invalid UTF-8 or binary.
                let bytes = try Data(contentsOf: directory.appending(path: place.file))
                let lines = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                #expect(place.line >= 1 && place.line <= lines, "\(invalidCase): \(place) is outside the file")
            }
        }
    }

    @Test("expected files are parsed as documented")
    func parsesExpectations() throws {
        let parsed = try StackCorpus.parseExpectation(
            "error main.yaml:7\nerror services.yaml:12\n\nschema invalid\n", path: "expected")
        #expect(parsed.errors == [.init(file: "main.yaml", line: 7), .init(file: "services.yaml", line: 12)])
        #expect(parsed.schemaInvalid)
        #expect(!parsed.valid)
        #expect(throws: StackCorpus.ExpectationError.self) {
            try StackCorpus.parseExpectation("error main.yaml\n", path: "expected")
        }
    }

    // MARK: The schema half (python3 + jsonschema)

    @Test("the schema accepts every valid stack", .enabled(if: StackCorpus.schemaCheckAvailable),
          arguments: StackCorpus.validStacks)
    func schemaAcceptsValidStack(_ stack: String) async throws {
        let schema = try await StackCorpus.schemaCheck(stack)
        #expect(schema.status == 0, "\(stack): \(schema.output)")
    }

    @Test("the schema rejects every `schema invalid` case", .enabled(if: StackCorpus.schemaCheckAvailable),
          arguments: StackCorpus.schemaInvalidCases)
    func schemaRejectsInvalidCase(_ invalidCase: String) async throws {
        let schema = try await StackCorpus.schemaCheck(invalidCase)
        #expect(schema.status == 1, "\(invalidCase): \(schema.output)")
    }

    // MARK: Agreement with ecsform validate

    @Test("schema and validate agree on valid stacks",
          .enabled(if: StackCorpus.validateAvailable && StackCorpus.schemaCheckAvailable),
          .timeLimit(.minutes(10)), arguments: StackCorpus.validStacks)
    func agreeOnValidStack(_ stack: String) async throws {
        let schema = try await StackCorpus.schemaCheck(stack)
        let validate = try await StackCorpus.validate(stack)
        #expect(schema.status == 0, "schema: \(schema.output)")
        #expect(validate.status == 0, "validate: \(validate.output)")
        #expect((schema.status == 0) == (validate.status == 0), "verdicts differ on \(stack)")
    }

    @Test("schema and validate agree on `schema invalid` cases",
          .enabled(if: StackCorpus.validateAvailable && StackCorpus.schemaCheckAvailable),
          .timeLimit(.minutes(10)), arguments: StackCorpus.schemaInvalidCases)
    func agreeOnInvalidCase(_ invalidCase: String) async throws {
        let schema = try await StackCorpus.schemaCheck(invalidCase)
        let validate = try await StackCorpus.validate(invalidCase)
        #expect(schema.status == 1, "schema: \(schema.output)")
        #expect(validate.status == 1, "validate: \(validate.output)")
    }

    @Test("validate rejects every invalid case at the expected places",
          .enabled(if: StackCorpus.validateAvailable),
          .timeLimit(.minutes(10)), arguments: StackCorpus.invalidCases)
    func validateReportsExpectedPlaces(_ invalidCase: String) async throws {
        let directory = StackCorpus.root.appending(path: invalidCase)
        let expectation = try StackCorpus.expectation(of: directory)
        let validate = try await StackCorpus.validate(invalidCase)
        #expect(validate.status == 1, "exit status \(validate.status): \(validate.output)")
        for place in expectation.errors {
            let needle = "\(directory.lastPathComponent)/\(place.file):\(place.line):"
            #expect(validate.output.contains(needle), "no error at \(needle) in:\n\(validate.output)")
        }
    }
}
