internal import CYAML

/// Turns libyaml's failure state into a `YAMLError` that says where and what to do.
enum LibYAMLError {
    static func translate(_ parser: yaml_parser_t, source: SourceMap) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        var source = source
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            let offset = Int(parser.problem_offset)
            let at = source.mark(byteOffset: offset)
            return YAMLError(mark: at, message: readerMessage(problem, value: Int(parser.problem_value), byte: source.byte(at: offset)))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let m = parser.problem_mark
            let at = source.mark(line: Int(m.line), column: Int(m.column), index: Int(m.index))
            var related: Mark?
            var context: String?
            if let c = parser.context {
                context = String(cString: c)
                let cm = parser.context_mark
                related = source.mark(line: Int(cm.line), column: Int(cm.column), index: Int(cm.index))
            }
            return YAMLError(mark: at, message: syntaxMessage(problem, context: context, related: related, byte: source.byte(at: at.offset)), related: related)
        case YAML_MEMORY_ERROR:
            return YAMLError(mark: source.mark(byteOffset: 0), message: "libyaml ran out of memory reading this file")
        default:
            return YAMLError(mark: source.mark(byteOffset: 0), message: "libyaml failed: \(problem)")
        }
    }

    private static func readerMessage(_ problem: String, value: Int, byte: UInt8?) -> String {
        if problem.hasPrefix("control characters") {
            if value == 0 || byte == 0 {
                return "NUL byte in the file; a stack file must be UTF-8 text — remove it or check that this is the right file"
            }
            let hex = String(value, radix: 16, uppercase: true)
            return "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed; remove it (write it as an escape in a double-quoted string if you need it)"
        }
        if problem.contains("UTF-8") || problem.contains("Unicode") {
            let shown = byte.map { " (byte 0x" + String($0, radix: 16, uppercase: true) + ")" } ?? ""
            return "invalid UTF-8\(shown): \(problem); save the file as UTF-8"
        }
        return "\(problem); save the file as UTF-8 text"
    }

    private static func syntaxMessage(_ problem: String, context: String?, related: Mark?, byte: UInt8?) -> String {
        if problem.contains("tab character") || (byte == 0x09 && problem.contains("cannot start any token")) {
            return "tab character used for indentation; YAML indents with spaces only — replace the tab with spaces"
        }
        var text = problem
        if let context {
            text += " " + context
            if let related { text += " started at line \(related.line), column \(related.column)" }
        }
        switch problem {
        case "mapping values are not allowed in this context":
            text += "; check the indentation, or quote a value that contains `: `"
        case "did not find expected key":
            text += "; check the indentation of this line against the keys above it"
        case "did not find expected '-' indicator":
            text += "; list items at one level must line up"
        case "found undefined tag handle":
            text += "; use only !!str, !!int, !!float, !!bool or !!null"
        case "found unexpected end of stream":
            text += "; a quote or bracket is not closed"
        default:
            text += "; check the YAML syntax here"
        }
        return text
    }
}
