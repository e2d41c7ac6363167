import Testing
@testable import YAML

@Suite struct BadInputTests {
    @Test func invalidUTF8IsLocated() {
        let bytes = Array("a: 1\nb: x".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let error = parseError(bytes)
        #expect(error?.mark == Mark(file: "t.yaml", line: 2, column: 5, offset: 9))
        #expect(error?.message.contains("invalid UTF-8 (byte 0xFF)") == true)
    }

    @Test func truncatedUTF8IsLocated() {
        let bytes = Array("ok: é\nb: ".utf8) + [0xC3]
        let error = parseError(bytes)
        #expect(error?.mark.line == 2)
        #expect(error?.mark.column == 4)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func nulByteIsLocated() {
        let bytes = Array("a: 1\nbb: x".utf8) + [0] + Array("y\n".utf8)
        let error = parseError(bytes)
        #expect(error?.mark == Mark(file: "t.yaml", line: 2, column: 6, offset: 10))
        #expect(error?.message.contains("NUL byte") == true)
    }

    @Test func controlCharacterIsNamed() {
        let error = parseError(Array("a: \u{1}\n".utf8))
        #expect(error?.message.contains("U+0001") == true)
        #expect(error?.mark.column == 4)
    }

    @Test func tabIndentationIsFriendly() {
        let leading = parseError("a:\n\tb: 1\n")
        #expect(leading?.mark.line == 2)
        #expect(leading?.mark.column == 1)
        #expect(leading?.message.contains("tab character used for indentation") == true)
        let inside = parseError("a:\n  b: 1\n\tc: 2\n")
        #expect(inside?.mark.line == 3)
        #expect(inside?.message.contains("tab character") == true)
        // Tabs inside values are fine.
        #expect(parseError("a: \"x\ty\"\nb: x\ty\n") == nil)
    }

    @Test func syntaxErrorsCarryContext() {
        let error = parseError("a: [1, 2\nb: 3\n")
        #expect(error != nil)
        #expect(error?.related?.line == 1)
        let indent = parseError("a: 1\n b: 2\n")
        #expect(indent?.mark.line == 2)
        #expect(indent?.message.contains("indentation") == true)
        let unclosed = parseError("a: \"open\n")
        #expect(unclosed?.message.contains("started at line 1") == true)
    }

    @Test func binaryJunkFailsCleanly() {
        // A deterministic pseudo-random byte soup, plus an ELF-like header.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var soup: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]
        for _ in 0..<4096 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            soup.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let error = parseError(soup)
        #expect(error != nil)
        #expect(error.map { $0.mark.line >= 1 && $0.mark.column >= 1 } == true)
        for seed in 1...200 {
            var s = UInt64(seed)
            let bytes = (0..<(seed * 7 % 300)).map { _ -> UInt8 in
                s = s &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: s >> 40)
            }
            // Must throw or parse; never crash or hang.
            _ = parseError(bytes)
        }
    }

    @Test func readsFilesFromDisk() throws {
        let path = "/tmp/ecsform-yaml-test-\(UInt32.random(in: 0...UInt32.max)).yaml"
        let missing = parseFileError(path)
        #expect(missing?.message.contains("cannot open") == true)
        #expect(missing?.mark.file == path)
        try writeFile(path, "a: 1\n")
        defer { removeFile(path) }
        let root = try YAMLParser.parse(contentsOf: path)
        #expect(root?["a"]?.mark.file == path)
        #expect(parseFileError(path, limits: Limits(maxFileSize: 3))?.message.contains("3-byte limit") == true)
        #expect(parseFileError("/tmp")?.message.contains("directory") == true)
    }
}

private func parseFileError(_ path: String, limits: Limits = .default) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(contentsOf: path, limits: limits)
        return nil
    } catch {
        return error
    }
}
