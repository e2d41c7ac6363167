extension ClusterQuery {
    /// Parses an expression, throwing an error that quotes it and names the position and
    /// the problem (`expected a value after '==' at character 27`).
    public static func parse(_ expression: String) throws(PlacementValidationError) -> ClusterQuery {
        var parser = ClusterQueryParser(expression)
        return try parser.parseAll()
    }
}

/// One lexical token with its 1-based character position, for error messages.
struct ClusterQueryToken: Equatable {
    enum Kind: Equatable {
        case word(String)
        case quoted(String)
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case equal, notEqual, and, or
    }

    var kind: Kind
    var position: Int

    var text: String {
        switch kind {
        case let .word(word): return word
        case let .quoted(value): return "\"\(value)\""
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .comma: return ","
        case .equal: return "=="
        case .notEqual: return "!="
        case .and: return "and"
        case .or: return "or"
        }
    }
}

/// Recursive-descent parser: `or` binds looser than `and`; parentheses group.
struct ClusterQueryParser {
    let source: String
    private var tokens: [ClusterQueryToken] = []
    private var index = 0
    private var lexError: PlacementValidationError?

    init(_ source: String) {
        self.source = source
        do {
            tokens = try Self.tokenize(source)
        } catch {
            lexError = error
        }
    }

    mutating func parseAll() throws(PlacementValidationError) -> ClusterQuery {
        if let lexError { throw lexError }
        guard !tokens.isEmpty else { throw fail("the expression is empty") }
        let query = try parseOr()
        if let extra = peek {
            throw fail("unexpected '\(extra.text)' at character \(extra.position); join conditions with 'and' or 'or'")
        }
        return query
    }

    private var peek: ClusterQueryToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func next() -> ClusterQueryToken? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    private func fail(_ problem: String) -> PlacementValidationError {
        PlacementValidationError("Invalid memberOf expression \"\(source)\": \(problem).")
    }

    private func isKeyword(_ token: ClusterQueryToken?, _ words: Set<String>) -> Bool {
        if case let .word(word)? = token?.kind { return words.contains(word.lowercased()) }
        return false
    }

    private mutating func parseOr() throws(PlacementValidationError) -> ClusterQuery {
        var lhs = try parseAnd()
        while let token = peek, token.kind == .or || isKeyword(token, ["or"]) {
            index += 1
            lhs = .or(lhs, try parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() throws(PlacementValidationError) -> ClusterQuery {
        var lhs = try parsePrimary()
        while let token = peek, token.kind == .and || isKeyword(token, ["and"]) {
            index += 1
            lhs = .and(lhs, try parsePrimary())
        }
        return lhs
    }

    private mutating func parsePrimary() throws(PlacementValidationError) -> ClusterQuery {
        guard let token = next() else {
            throw fail("expected a condition such as 'attribute:NAME == value' at the end")
        }
        switch token.kind {
        case .leftParen:
            let inner = try parseOr()
            guard let close = next() else {
                throw fail("missing ')' for the '(' at character \(token.position)")
            }
            guard close.kind == .rightParen else {
                throw fail("expected ')' at character \(close.position), found '\(close.text)'")
            }
            return inner
        case let .word(word):
            return try parseComparison(subject: word, at: token.position)
        default:
            throw fail("expected a condition such as 'attribute:NAME == value' at character \(token.position), found '\(token.text)'")
        }
    }

    private mutating func parseComparison(subject: String, at position: Int) throws(PlacementValidationError) -> ClusterQuery {
        guard subject.hasPrefix("attribute:") else {
            throw fail("unsupported subject '\(subject)' at character \(position); use attribute:NAME")
        }
        let name = String(subject.dropFirst("attribute:".count))
        guard !name.isEmpty else { throw fail("missing attribute name after 'attribute:' at character \(position)") }
        guard let op = next() else {
            throw fail("expected an operator (==, !=, in, not_in, exists, !exists) after '\(subject)'")
        }
        switch op.kind {
        case .equal:
            return .equals(attribute: name, value: try parseValue(after: op))
        case .notEqual:
            return .notEquals(attribute: name, value: try parseValue(after: op))
        case let .word(word):
            switch word.lowercased() {
            case "equals": return .equals(attribute: name, value: try parseValue(after: op))
            case "not_equals": return .notEquals(attribute: name, value: try parseValue(after: op))
            case "in": return .isIn(attribute: name, values: try parseList(after: op))
            case "not_in", "!in": return .notIn(attribute: name, values: try parseList(after: op))
            case "not":
                guard let inWord = next(), isKeyword(inWord, ["in"]) else {
                    throw fail("expected 'in' after 'not' at character \(op.position)")
                }
                return .notIn(attribute: name, values: try parseList(after: inWord))
            case "exists": return .exists(attribute: name)
            case "!exists", "not_exists": return .notExists(attribute: name)
            case "matches", "!matches", ">", ">=", "<", "<=":
                throw fail("operator '\(word)' at character \(op.position) is not supported; use ==, !=, in, not_in, exists or !exists")
            default:
                throw fail("unknown operator '\(word)' at character \(op.position); use ==, !=, in, not_in, exists or !exists")
            }
        default:
            throw fail("expected an operator after '\(subject)' at character \(op.position), found '\(op.text)'")
        }
    }

    private mutating func parseValue(after op: ClusterQueryToken) throws(PlacementValidationError) -> String {
        guard let token = next() else {
            throw fail("expected a value after '\(op.text)' at character \(op.position)")
        }
        switch token.kind {
        case let .word(word) where !["and", "or"].contains(word.lowercased()): return word
        case let .quoted(value): return value
        default:
            throw fail("expected a value after '\(op.text)' at character \(token.position), found '\(token.text)'")
        }
    }

    private mutating func parseList(after op: ClusterQueryToken) throws(PlacementValidationError) -> [String] {
        guard let open = next(), open.kind == .leftBracket else {
            throw fail("expected a list like [a, b] after '\(op.text)' at character \(op.position)")
        }
        var values: [String] = []
        while true {
            guard let token = next() else { throw fail("missing ']' for the '[' at character \(open.position)") }
            switch token.kind {
            case let .word(word): values.append(word)
            case let .quoted(value): values.append(value)
            case .rightBracket where values.isEmpty:
                throw fail("empty list at character \(open.position); give at least one value")
            default:
                throw fail("expected a value in the list at character \(token.position), found '\(token.text)'")
            }
            guard let separator = next() else { throw fail("missing ']' for the '[' at character \(open.position)") }
            if separator.kind == .rightBracket { return values }
            guard separator.kind == .comma else {
                throw fail("expected ',' or ']' at character \(separator.position), found '\(separator.text)'")
            }
        }
    }

    static func tokenize(_ source: String) throws(PlacementValidationError) -> [ClusterQueryToken] {
        let chars = Array(source)
        var tokens: [ClusterQueryToken] = []
        var i = 0
        func fail(_ problem: String) -> PlacementValidationError {
            PlacementValidationError("Invalid memberOf expression \"\(source)\": \(problem).")
        }
        while i < chars.count {
            let c = chars[i]
            let position = i + 1
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(.init(kind: .leftParen, position: position)); i += 1
            case ")": tokens.append(.init(kind: .rightParen, position: position)); i += 1
            case "[": tokens.append(.init(kind: .leftBracket, position: position)); i += 1
            case "]": tokens.append(.init(kind: .rightBracket, position: position)); i += 1
            case ",": tokens.append(.init(kind: .comma, position: position)); i += 1
            case "=" where next == "=": tokens.append(.init(kind: .equal, position: position)); i += 2
            case "!" where next == "=": tokens.append(.init(kind: .notEqual, position: position)); i += 2
            case "&" where next == "&": tokens.append(.init(kind: .and, position: position)); i += 2
            case "|" where next == "|": tokens.append(.init(kind: .or, position: position)); i += 2
            case "=", "&", "|":
                throw fail("unexpected '\(c)' at character \(position); did you mean '\(c)\(c)'?")
            case "\"", "'":
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else { throw fail("unterminated quote starting at character \(position)") }
                tokens.append(.init(kind: .quoted(String(chars[(i + 1)..<j])), position: position))
                i = j + 1
            default:
                var j = i
                while j < chars.count {
                    let d = chars[j]
                    let after: Character? = j + 1 < chars.count ? chars[j + 1] : nil
                    if d.isWhitespace || "()[],\"'".contains(d) { break }
                    if (d == "=" || d == "!") && after == "=" { break }
                    if (d == "&" && after == "&") || (d == "|" && after == "|") { break }
                    j += 1
                }
                tokens.append(.init(kind: .word(String(chars[i..<j])), position: position))
                i = j
            }
        }
        return tokens
    }
}
