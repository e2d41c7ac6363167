import Testing
@testable import Orchestrator

@Suite struct ClusterQueryTests {
    @Test func parsesComparisonsAndPrecedence() throws {
        #expect(try ClusterQuery.parse("attribute:ecs.instance-type == t2.small")
            == .equals(attribute: "ecs.instance-type", value: "t2.small"))
        #expect(try ClusterQuery.parse("attribute:a!=b") == .notEquals(attribute: "a", value: "b"))
        #expect(try ClusterQuery.parse("attribute:zone in [us-east-1a, \"us-east-1b\"]")
            == .isIn(attribute: "zone", values: ["us-east-1a", "us-east-1b"]))
        #expect(try ClusterQuery.parse("attribute:zone not_in [x]") == .notIn(attribute: "zone", values: ["x"]))
        #expect(try ClusterQuery.parse("attribute:zone NOT IN [x]") == .notIn(attribute: "zone", values: ["x"]))
        #expect(try ClusterQuery.parse("attribute:g exists") == .exists(attribute: "g"))
        #expect(try ClusterQuery.parse("attribute:g !exists") == .notExists(attribute: "g"))
        let a = ClusterQuery.equals(attribute: "a", value: "1")
        let b = ClusterQuery.equals(attribute: "b", value: "2")
        let c = ClusterQuery.equals(attribute: "c", value: "3")
        // and binds tighter than or; parentheses override.
        #expect(try ClusterQuery.parse("attribute:a == 1 or attribute:b == 2 and attribute:c == 3") == .or(a, .and(b, c)))
        #expect(try ClusterQuery.parse("(attribute:a == 1 || attribute:b == 2) && attribute:c == 3") == .and(.or(a, b), c))
    }

    @Test func globMatchesStars() {
        #expect(ClusterQuery.glob("t2.*", matches: "t2.micro"))
        #expect(!ClusterQuery.glob("t2.*", matches: "t3.micro"))
        #expect(ClusterQuery.glob("*large", matches: "m5.xlarge"))
        #expect(ClusterQuery.glob("m*.*large", matches: "m5.2xlarge"))
        #expect(!ClusterQuery.glob("m*.*large", matches: "c5.large"))
        #expect(ClusterQuery.glob("exact", matches: "exact"))
    }

    @Test(arguments: [
        ("", "the expression is empty"),
        ("attribute:a ==", "expected a value after '==' at character 13"),
        ("attribute:a == 1 and", "expected a condition such as 'attribute:NAME == value' at the end"),
        ("(attribute:a == 1", "missing ')' for the '(' at character 1"),
        ("attribute:a == 1)", "unexpected ')' at character 17"),
        ("attribute:a = 1", "unexpected '=' at character 13; did you mean '=='?"),
        ("attribute:a in x", "expected a list like [a, b] after 'in' at character 13"),
        ("attribute:a in [x y]", "expected ',' or ']' at character 19, found 'y'"),
        ("attribute:a in [x,", "missing ']' for the '[' at character 16"),
        ("attribute:a in []", "empty list at character 16"),
        ("attribute:a matches x.*", "operator 'matches' at character 13 is not supported"),
        ("attribute:a like x", "unknown operator 'like' at character 13"),
        ("instance-type == t2", "unsupported subject 'instance-type' at character 1; use attribute:NAME"),
        ("attribute: == x", "missing attribute name after 'attribute:' at character 1"),
        ("attribute:a == \"x", "unterminated quote starting at character 16"),
        ("attribute:a == 1 attribute:b == 2", "unexpected 'attribute:b' at character 18; join conditions with 'and' or 'or'"),
    ])
    func badExpressionsSayWhatAndWhere(expression: String, problem: String) {
        do {
            _ = try ClusterQuery.parse(expression)
            Issue.record("\(expression) should not parse")
        } catch {
            #expect(error.message.hasPrefix("Invalid memberOf expression \"\(expression)\": "))
            #expect(error.message.contains(problem), "\(error.message)")
        }
    }
}
