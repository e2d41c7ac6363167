import Testing
@testable import YAML

@Suite struct ParserTests {
    @Test func emptyFileAndCommentsAreNil() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n\n   # another\n") == nil)
        #expect(try parse("---\n# nothing\n") == nil)
        #expect(try parse("\n\n") == nil)
    }

    @Test func scalarStylesAndTags() throws {
        let root = try #require(try parse("""
        a: plain
        b: 'single'
        c: "double"
        d: |
          line1
          line2
        e: >
          folded
          text
        f: !!str 8080
        g: ! 12
        """))
        let expected: [(String, String, Node.Scalar.Style, String?)] = [
            ("a", "plain", .plain, nil),
            ("b", "single", .singleQuoted, nil),
            ("c", "double", .doubleQuoted, nil),
            ("d", "line1\nline2\n", .literal, nil),
            ("e", "folded text\n", .folded, nil),
            ("f", "8080", .plain, "!!str"),
            ("g", "12", .plain, "!!str"),
        ]
        for (key, value, style, tag) in expected {
            let s = try #require(root[key]?.scalar, "\(key)")
            #expect(s.value == value, "\(key)")
            #expect(s.style == style, "\(key)")
            #expect(s.tag == tag, "\(key)")
        }
    }

    @Test func nestingKeepsOrder() throws {
        let root = try #require(try parse("""
        z: 1
        services:
          - name: web
            ports: [80, 443]
          - name: db
            env: {A: x, B: y}
        a: 2
        """))
        #expect(root.mappingPairs?.map { $0.key.scalarValue } == ["z", "services", "a"])
        let services = try #require(root["services"]?.sequenceItems)
        #expect(services.count == 2)
        #expect(services[0]["ports"]?.sequenceItems?.map(\.scalarValue) == ["80", "443"])
        #expect(services[1]["env"]?["B"]?.scalarValue == "y")
        #expect(root["services"]?[1]?["name"]?.scalarValue == "db")
        #expect(root["services"]?[2] == nil)
        #expect(root["missing"] == nil)
        #expect(root.kindDescription == "a mapping")
    }

    @Test func marksAreOneBasedWithByteOffsets() throws {
        let text = "a: 1\nlist:\n  - x\n  - {k: v}\n"
        let root = try #require(try parse(text))
        #expect(root.mark == Mark(file: "t.yaml", line: 1, column: 1, offset: 0))
        let a = try #require(root["a"])
        #expect(a.mark == Mark(file: "t.yaml", line: 1, column: 4, offset: 3))
        let list = try #require(root["list"])
        #expect(list.mark.line == 3 && list.mark.column == 3)
        let x = try #require(list[0])
        #expect(x.mark == Mark(file: "t.yaml", line: 3, column: 5, offset: 15))
        let flow = try #require(list[1])
        #expect(flow.mark == Mark(file: "t.yaml", line: 4, column: 5, offset: 21))
        let v = try #require(flow["k"])
        #expect(v.mark == Mark(file: "t.yaml", line: 4, column: 9, offset: 25))
    }

    @Test func columnsCountCharactersAndOffsetsCountBytes() throws {
        // "é" and "ü" are two bytes each, "🚀" four: one column each.
        let text = "é: ü\n🚀x: [é, 🚀, z]\n"
        let root = try #require(try parse(text))
        let pairs = try #require(root.mappingPairs)
        #expect(pairs[0].value.mark == Mark(file: "t.yaml", line: 1, column: 4, offset: 4))
        #expect(pairs[1].key.mark == Mark(file: "t.yaml", line: 2, column: 1, offset: 7))
        let items = try #require(pairs[1].value.sequenceItems)
        #expect(items[0].mark == Mark(file: "t.yaml", line: 2, column: 6, offset: 15))
        #expect(items[1].mark == Mark(file: "t.yaml", line: 2, column: 9, offset: 19))
        #expect(items[2].mark == Mark(file: "t.yaml", line: 2, column: 12, offset: 25))
        let bytes = Array(text.utf8)
        #expect(bytes[25] == UInt8(ascii: "z"))
        #expect(bytes[19] == 0xF0)
    }

    @Test func byteOrderMarkIsOneColumnAndThreeBytes() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8), file: "t.yaml"))
        #expect(root["a"]?.scalarValue == "b")
        #expect(root["a"]?.mark.offset == 6)
    }

    @Test func crlfLineEndings() throws {
        let root = try #require(try parse("a: 1\r\nb: 2\r\n"))
        #expect(root["b"]?.mark == Mark(file: "t.yaml", line: 2, column: 4, offset: 9))
    }

    @Test func anchorsAndAliasesCopyTheNode() throws {
        let root = try #require(try parse("""
        base: &env
          A: "1"
          B: two
        one: *env
        two: [*env, &s scalar, *s]
        """))
        let base = try #require(root["base"])
        #expect(root["one"] == base)
        #expect(root["one"]?.mark.line == 1)  // the copy keeps the anchor's place
        #expect(root["two"]?[0] == base)
        #expect(root["two"]?[2]?.scalarValue == "scalar")
    }

    @Test func aliasErrors() {
        let undefined = parseError("a: *nope\n")
        #expect(undefined?.mark.line == 1)
        #expect(undefined?.message.contains("no anchor `&nope`") == true)
        let recursive = parseError("a: &r [1, *r]\n")
        #expect(recursive?.message.contains("recursive") == true)
        #expect(recursive?.mark.column == 11)
    }

    @Test func billionLaughsFailsAtAnAlias() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
            previous = name
        }
        let error = parseError(text)
        #expect(error?.message.contains("billion laughs") == true)
        // 9^5 > 100,000: the fifth level (line 5) is where the budget runs out.
        #expect(error.map { $0.mark.line <= 6 } == true)
    }

    @Test func aliasBudgetIsConfigurable() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        #expect(parseError(text, limits: Limits(maxAliasNodes: 7)) != nil)
        #expect(try parse(text, limits: Limits(maxAliasNodes: 8)) != nil)
    }

    @Test func deepNestingIsALocatedError() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = parseError(deep)
        #expect(error?.mark == Mark(file: "t.yaml", line: 1, column: 513, offset: 512))
        #expect(error?.message.contains("deeper than 512") == true)
        let blockDeep = (0..<600).map { String(repeating: "  ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(parseError(blockDeep)?.message.contains("deeper") == true)
    }

    @Test func aliasesCannotStackNestingPastTheLimit() throws {
        // Each anchor is 300 deep; an alias of it 300 levels down would make 600.
        let open = String(repeating: "[", count: 299)
        let close = String(repeating: "]", count: 299)
        let text = "a: &a \(open)1\(close)\nb: \(open)*a\(close)\n"
        let error = parseError(text)
        #expect(error?.message.contains("alias `*a` nests the document deeper than 512 levels") == true)
        #expect(error?.mark.line == 2)
        // Within the limit it is fine, and the copy is the anchored tree.
        let shallow = "a: &a [[[1]]]\nb: [[*a]]\n"
        let root = try #require(try parse(shallow))
        #expect(root["b"]?[0]?[0] == root["a"])
    }

    @Test func nestingAtTheLimitIsFine() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try parse(text) != nil)
    }

    @Test func secondDocumentIsAnError() {
        let error = parseError("a: 1\n---\nb: 2\n")
        #expect(error?.mark.line == 2)
        #expect(error?.message.contains("one YAML document") == true)
        #expect(parseError("---\na: 1\n...\n") == nil)
    }

    @Test func duplicateKeysNameBothLines() {
        let error = parseError("name: a\nimage: x\nname: b\n")
        #expect(error?.mark == Mark(file: "t.yaml", line: 3, column: 1, offset: 17))
        #expect(error?.related?.line == 1)
        #expect(error?.message == "duplicate key `name` (first defined at line 1); remove one of them")
    }

    @Test func duplicateKeysInLargeMappings() {
        var text = (0..<40).map { "k\($0): v" }.joined(separator: "\n")
        text += "\nk17: again\n"
        let error = parseError(text)
        #expect(error?.mark.line == 41)
        #expect(error?.related?.line == 18)
        #expect(parseError((0..<40).map { "k\($0): v" }.joined(separator: "\n")) == nil)
    }

    @Test func duplicateKeysInLargeMappingsWithNestedValues() throws {
        var text = (0..<30).map { "k\($0):\n  name: n\($0)\n  ports: [{name: a, port: 1}]" }.joined(separator: "\n")
        #expect(try parse(text)?.mappingPairs?.count == 30)
        text += "\nk20:\n  name: again\n"
        let error = parseError(text)
        #expect(error?.mark.line == 91)
        #expect(error?.related?.line == 61)
        #expect(parseError("a:\n  name: x\n  name: y\nb: 1\n")?.related?.line == 2)
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        #expect(try parse("a: {x: 1}\nb: {x: 2}\n") != nil)
    }

    @Test func nonScalarKeysAreErrors() {
        let error = parseError("? [a, b]\n: v\n")
        #expect(error?.message.contains("must be plain text, not a list") == true)
        #expect(error?.mark.line == 1)
        #expect(parseError("{a: 1}: v\n")?.message.contains("not a mapping") == true)
    }

    @Test func mergeKeysAreRejected() {
        let error = parseError("base: &b {a: 1}\nother:\n  <<: *b\n")
        #expect(error?.mark == Mark(file: "t.yaml", line: 3, column: 3, offset: 25))
        #expect(error?.message.contains("merge keys") == true)
        #expect(parseError("'<<': quoted is a plain key\n") == nil)
    }

    @Test func unknownTagsAreErrors() {
        let error = parseError("a: !custom x\n")
        #expect(error?.message.contains("unknown tag `!custom`") == true)
        #expect(error?.mark.column == 4)
        #expect(parseError("a: !!binary aGk=\n")?.message.contains("unknown tag `!!binary`") == true)
        #expect(parseError("a: !!map {b: 1}\nc: !!seq [1]\n") == nil)
        #expect(parseError("a: !!seq {b: 1}\n") != nil)
    }

    @Test func taggedScalarsMustFitTheirTag() {
        let error = parseError("port: !!int eighty\n")
        #expect(error?.mark.column == 7)
        #expect(error?.message.contains("tagged !!int") == true)
        #expect(parseError("a: !!bool yes\n") != nil)
        #expect(parseError("a: !!float 3\nb: !!null ~\nc: !!bool true\n") == nil)
    }

    @Test func scalarLengthAndFileSizeLimits() {
        let long = "a: " + String(repeating: "x", count: 100) + "\n"
        #expect(parseError(long, limits: Limits(maxScalarLength: 99))?.message.contains("99-byte limit") == true)
        #expect(parseError(long, limits: Limits(maxScalarLength: 100)) == nil)
        let big = parseError(long, limits: Limits(maxFileSize: 50))
        #expect(big?.mark == Mark(file: "t.yaml", line: 1, column: 1, offset: 0))
        #expect(big?.message.contains("50-byte limit") == true)
    }
}

@Suite struct MarkTests {
    @Test func roundTripsAndClamps() {
        var mark = Mark(file: "f.yaml", line: 3, column: 7, offset: 42)
        #expect(mark.line == 3 && mark.column == 7 && mark.offset == 42)
        #expect(mark.description == "f.yaml:3:7")
        mark.line = 10
        mark.column = -1
        #expect(mark.line == 10 && mark.column == 0)
        #expect(Mark(file: "f", line: Int.max, column: 1).line == Int(UInt32.max))
        #expect(MemoryLayout<Mark>.size <= 32)
    }

    @Test func ordersByFileLineColumn() {
        let a = Mark(file: "a.yaml", line: 2, column: 5)
        #expect(a < Mark(file: "a.yaml", line: 2, column: 6))
        #expect(a < Mark(file: "a.yaml", line: 3, column: 1))
        #expect(a < Mark(file: "b.yaml", line: 1, column: 1))
        #expect(!(a < a))
    }
}
