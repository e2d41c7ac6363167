import Testing
@testable import StackConfig

@Suite struct RendererTests {
    @Test func rendersLikeACompiler() {
        var d = Diagnostics()
        d.error("second", at: SourceRange(file: "s/b.yaml", line: 1, column: 3))
        d.error("first", at: SourceRange(file: "s/a.yaml", line: 2, column: 5),
                notes: [.init("see here", at: SourceRange(file: "s/a.yaml", line: 1, column: 1))])
        let files: [String: String] = ["s/a.yaml": "one\n\tfour: x\n", "s/b.yaml": "x: y\n"]
        let text = DiagnosticRenderer { files[$0].map { Array($0.utf8) } }.render(d)
        #expect(text == """
        s/a.yaml:2:5: error: first
        \tfour: x
        \t   ^
        s/a.yaml:1:1: note: see here
        one
        ^
        s/b.yaml:1:3: error: second
        x: y
          ^

        """)
    }

    @Test func longLinesAreCutAroundTheColumn() {
        var d = Diagnostics()
        d.error("deep", at: SourceRange(file: "f", line: 1, column: 5000))
        let line = String(repeating: "[", count: 10000)
        let text = DiagnosticRenderer { _ in Array(line.utf8) }.render(d)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].count < 120)
        #expect(lines[2].hasSuffix("^"))
    }

    @Test func diagnosticsWithoutPlaceHaveNoExcerpt() {
        var d = Diagnostics()
        d.error("no directory", at: nil)
        #expect(DiagnosticRenderer { _ in nil }.render(d) == "error: no directory\n")
    }
}
