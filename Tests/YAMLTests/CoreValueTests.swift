import Testing
@testable import YAML

@Suite struct CoreValueTests {
    private func value(_ text: String) throws -> CoreValue {
        let root = try #require(try parse("v: \(text)\n"))
        let scalar = try #require(root["v"]?.scalar)
        return try scalar.coreValue()
    }

    @Test func nulls() throws {
        for text in ["null", "~", ""] {
            #expect(try value(text) == .null, "\(text)")
        }
        for text in ["Null", "NULL", "nil", "none"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
    }

    @Test func onlyCoreBooleans() throws {
        #expect(try value("true") == .bool(true))
        #expect(try value("false") == .bool(false))
        for text in ["yes", "no", "on", "off", "y", "n", "True", "FALSE", "tRUE"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
    }

    @Test func integers() throws {
        #expect(try value("8080") == .int(8080))
        #expect(try value("-12") == .int(-12))
        #expect(try value("+7") == .int(7))
        #expect(try value("0x1F") == .int(31))
        #expect(try value("0o17") == .int(15))
        #expect(try value("007") == .int(7))
        for text in ["0x", "0xG1", "0o8", "1_000", "-0x10", "12a"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
        #expect(throws: YAMLError.self) { try value("99999999999999999999") }
    }

    @Test func floats() throws {
        #expect(try value("1.5") == .float(1.5))
        #expect(try value("-.5") == .float(-0.5))
        #expect(try value("1.") == .float(1))
        #expect(try value("1e3") == .float(1000))
        #expect(try value("2.5E-1") == .float(0.25))
        #expect(try value(".inf") == .float(.infinity))
        #expect(try value("-.Inf") == .float(-.infinity))
        guard case .float(let nan) = try value(".nan") else {
            Issue.record("not a float")
            return
        }
        #expect(nan.isNaN)
        for text in [".", "1e", "e3", "1.2.3", "inf", "nan", "-.nan", "0x1p3"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
    }

    @Test func quotedAndBlockAreStrings() throws {
        #expect(try value("\"8080\"") == .string("8080"))
        #expect(try value("'true'") == .string("true"))
        #expect(try value("''") == .string(""))
        let root = try #require(try parse("v: |\n  42\n"))
        #expect(try root["v"]?.scalar?.coreValue() == .string("42\n"))
    }

    @Test func explicitTagsDecide() throws {
        #expect(try value("!!str 8080") == .string("8080"))
        #expect(try value("!!str true") == .string("true"))
        #expect(try value("!!int \"42\"") == .int(42))
        #expect(try value("!!float 3") == .float(3))
        #expect(try value("!!bool 'false'") == .bool(false))
        #expect(try value("!!null ''") == .null)
    }

    @Test func handBuiltScalarWithBadTagThrows() {
        let mark = Mark(file: "x", line: 1, column: 1)
        #expect(throws: YAMLError.self) { try Node.Scalar(value: "x", style: .plain, tag: "!!int", mark: mark).coreValue() }
        #expect(throws: YAMLError.self) { try Node.Scalar(value: "x", style: .plain, tag: "!weird", mark: mark).coreValue() }
    }
}
