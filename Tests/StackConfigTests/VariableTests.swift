import Testing
@testable import StackConfig

@Suite struct VariableTests {
    let declaration = "variables:\n  tag: {type: string, default: from-default}\n"


    func load(varFile: String?, _ inputs: VariableInputs) throws -> (Stack?, Diagnostics) {
        let stack = try TempStack(["main.yaml": declaration + baseStack])
        let values = try TempStack(["values.yaml": varFile ?? ""])
        defer { stack.remove(); values.remove() }
        var inputs = inputs
        if varFile != nil { inputs.files = [values.path("values.yaml")] }
        return stack.load(inputs)
    }

    @Test func defaultIsTheLastResort() throws {
        let (s, d) = try load(varFile: nil, VariableInputs())
        #expect(errors(d) == [])
        #expect(s?.variables["tag"] == .string("from-default"))
    }

    @Test func environmentBeatsDefault() throws {
        let (s, _) = try load(varFile: nil, VariableInputs(environment: ["ECSFORM_VAR_tag": "from-env"]))
        #expect(s?.variables["tag"] == .string("from-env"))
    }

    @Test func varFileBeatsEnvironment() throws {
        let (s, _) = try load(varFile: "tag: from-file\n", VariableInputs(environment: ["ECSFORM_VAR_tag": "from-env"]))
        #expect(s?.variables["tag"] == .string("from-file"))
    }

    @Test func commandLineBeatsEverything() throws {
        let (s, _) = try load(varFile: "tag: from-file\n",
                              VariableInputs(assignments: ["tag=from-cli"], environment: ["ECSFORM_VAR_tag": "from-env"]))
        #expect(s?.variables["tag"] == .string("from-cli"))
    }

    @Test func laterAssignmentWins() throws {
        let (s, _) = try load(varFile: nil, VariableInputs(assignments: ["tag=a", "tag=b=c"]))
        #expect(s?.variables["tag"] == .string("b=c"))
    }

    @Test func textIsReadByDeclaredType() throws {
        let decl = "variables:\n  n: {type: number}\n  b: {type: bool}\n  l: {type: list}\n  m: {type: map}\n"
        let (s, d) = try StackConfigTests.load(decl + baseStack, VariableInputs(
            assignments: ["n=3", "l=[a, b]", "m={k: v, n: 2}"], environment: ["ECSFORM_VAR_b": "true"]))
        #expect(errors(d) == [])
        #expect(s?.variables["n"] == .number(3))
        #expect(s?.variables["b"] == .bool(true))
        #expect(s?.variables["l"] == .list([.string("a"), .string("b")]))
        #expect(s?.variables["m"] == .map(["k": .string("v"), "n": .number(2)]))
    }

    @Test func badTextIsAnErrorNamingItsOrigin() throws {
        let decl = "variables:\n  n: {type: number}\n  b: {type: bool}\n  l: {type: list}\n"
        let (s, d) = try StackConfigTests.load(decl + baseStack, VariableInputs(
            assignments: ["n=three", "l={a: 1}"], environment: ["ECSFORM_VAR_b": "yes"]))
        #expect(s == nil)
        let e = errors(d)
        #expect(e.contains { $0.hasPrefix("--var n=three:") && $0.contains("number") })
        #expect(e.contains { $0.hasPrefix("--var l={a: 1}:") && $0.contains("list") })
        #expect(e.contains { $0.hasPrefix("environment variable ECSFORM_VAR_b:") })
    }

    @Test func varFileValueOfWrongTypeIsLocatedInThatFile() throws {
        let (s, d) = try StackConfigTests.load("variables:\n  n: {type: number, default: 1}\n" + baseStack, VariableInputs())
        #expect(s != nil && errors(d) == [])
        let stack = try TempStack(["main.yaml": "variables:\n  n: {type: number, default: 1}\n" + baseStack])
        let values = try TempStack(["values.yaml": "# values\nn: \"4\"\n"])
        defer { stack.remove(); values.remove() }
        let (_, d2) = stack.load(VariableInputs(files: [values.path("values.yaml")]))
        let e = try #require(d2.sorted.first { $0.severity == .error })
        #expect(e.subject?.file == values.path("values.yaml"))
        #expect(e.subject?.line == 2 && e.subject?.column == 4)
        #expect(e.message.contains("type number"))
    }

    @Test func requiredVariableWithoutValueIsAnErrorAtItsDeclaration() throws {
        let (s, d) = try StackConfigTests.load("variables:\n  pw: {type: string, sensitive: true}\n" + baseStack)
        #expect(s == nil)
        #expect(errors(d).count == 1)
        #expect(errors(d).first?.hasPrefix("2:3 variable `pw` is required") == true)
        #expect(errors(d).first?.contains("--var pw=VALUE") == true)
        #expect(errors(d).first?.contains("ECSFORM_VAR_pw") == true)
    }

    @Test func unknownCommandLineNameIsAnError() throws {
        let (_, d) = try load(varFile: nil, VariableInputs(assignments: ["tga=x"]))
        #expect(errors(d) == ["--var tga=x: the stack declares no variable `tga`; did you mean `tag`?"])
    }

    @Test func defaultOfWrongTypeIsAnError() throws {
        let (_, d) = try StackConfigTests.load("variables:\n  n: {type: number, default: \"3\"}\n" + baseStack)
        #expect(errors(d).first?.hasPrefix("2:30 variable `n` is of type number") == true)
    }

    @Test func sensitiveValueNeverShownInErrors() throws {
        let (_, d) = try StackConfigTests.load("variables:\n  pw: {type: number, sensitive: true}\n" + baseStack,
                                              VariableInputs(assignments: ["pw=hunter2"]))
        #expect(errors(d).count == 1)
        #expect(!errors(d)[0].contains("hunter2"))
    }
}
