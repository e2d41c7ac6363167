import Testing
@testable import StackConfig

@Suite struct InterpolationTests {
    @Test func plainTextHasNoExpression() throws {
        #expect(!Interpolation.mightContainExpression("nginx:1.27 $HOME {x}"))
        #expect(try Interpolation.parse("abc").get() == [.literal("abc")])
    }

    @Test func splitsLiteralsAndExpressions() throws {
        let parts = try Interpolation.parse("http://${ service.web.name }:${var.port}/").get()
        #expect(parts == [.literal("http://"), .expression("service.web.name", dollarOrdinal: 0),
                          .literal(":"), .expression("var.port", dollarOrdinal: 1), .literal("/")])
    }

    @Test func doubleDollarIsALiteral() throws {
        #expect(try Interpolation.parse("a $${b} c").get() == [.literal("a ${b} c")])
        // The escape's two dollars count, so the next expression's `$` is the third.
        #expect(try Interpolation.parse("$${x}${var.y}").get() == [.literal("${x}"), .expression("var.y", dollarOrdinal: 2)])
    }

    @Test func unterminatedIsAnErrorAtItsDollar() {
        guard case .failure(let f) = Interpolation.parse("$$ ${var.x") else {
            Issue.record("expected a failure")
            return
        }
        #expect(f.dollarOrdinal == 2)
        #expect(f.message.contains("unterminated"))
    }

    @Test func emptyExpressionIsAnError() {
        guard case .failure(let f) = Interpolation.parse("${ }") else {
            Issue.record("expected a failure")
            return
        }
        #expect(f.message.contains("empty"))
    }

    @Test func expressionsParse() throws {
        #expect(try Expression.parse("var.tag").get() == .variable("tag"))
        #expect(try Expression.parse("service.web.load_balancer.listener_port").get()
                == .reference(ResourceAddress(type: "service", name: "web"), path: ["load_balancer", "listener_port"]))
        guard case .failure(let e) = Expression.parse("services.web.name") else {
            Issue.record("expected a failure")
            return
        }
        #expect(e.message.contains("did you mean `service`?"))
        guard case .failure(let noAttr) = Expression.parse("cluster.main") else {
            Issue.record("expected a failure")
            return
        }
        #expect(noAttr.message.contains("no attribute"))
        #expect((try? Expression.parse("var.a.b").get()) == nil)
    }

    @Test func wholeValueKeepsTheVariablesType() throws {
        let (stack, d) = try load("variables:\n  n: {type: number, default: 3}\n" + baseStack + "    desired_count: ${var.n}\n")
        #expect(errors(d) == [])
        #expect(stack?[ResourceAddress(type: "service", name: "web")]?.attributes["desired_count"] == .number(3))
    }

    @Test func mixedTextBecomesAString() throws {
        let (stack, d) = try load("variables:\n  n: {type: number, default: 3}\n" + baseStack + "    tags: {count: \"n=${var.n}\"}\n")
        #expect(errors(d) == [])
        #expect(stack?[ResourceAddress(type: "service", name: "web")]?.attributes["tags"] == .map(["count": .string("n=3")]))
    }

    @Test func referencesStayTemplatesWithTheirColumn() throws {
        let (stack, d) = try load(baseStack)
        #expect(errors(d) == [])
        let web = try #require(stack?[ResourceAddress(type: "service", name: "web")])
        guard case .template(let t)? = web.attributes["cluster"], let ref = t.references.first else {
            Issue.record("cluster should be a template")
            return
        }
        #expect(t.isWholeReference)
        #expect(ref.address == ResourceAddress(type: "cluster", name: "main"))
        #expect(ref.path == ["name"])
        #expect(ref.range.line == 12 && ref.range.column == 14)
        #expect(web.dependencies == [ResourceAddress(type: "cluster", name: "main"), ResourceAddress(type: "task_definition", name: "web")])
    }

    @Test func referenceColumnInsideQuotedText() throws {
        let (_, d) = try load(baseStack + "    tags: {a: \"x-${service.nope.name}\"}\n")
        #expect(errors(d) == ["14:18 reference to `service.nope`, which is not declared"])
    }

    @Test func sensitiveVariableMakesResultsSensitive() throws {
        let (stack, d) = try load("variables:\n  pw: {type: string, sensitive: true, default: s3cret}\n" + baseStack
            + "    tags:\n      whole: ${var.pw}\n      mixed: \"p=${var.pw}\"\n      withref: \"${var.pw}-${cluster.main.name}\"\n")
        #expect(errors(d) == [])
        let tags = try #require(stack?[ResourceAddress(type: "service", name: "web")]?.attributes["tags"]?.mapValue)
        #expect(tags["whole"] == .sensitive(.string("s3cret")))
        #expect(tags["mixed"] == .sensitive(.string("p=s3cret")))
        guard case .template(let t)? = tags["withref"] else {
            Issue.record("expected a template")
            return
        }
        #expect(t.parts.first == .sensitiveLiteral("s3cret"))
        #expect(t.isSensitive)
        #expect(stack?.variables["pw"] == .sensitive(.string("s3cret")))
    }

    @Test func escapesSurviveAsLiteralText() throws {
        let (stack, d) = try load(baseStack + "    tags: {shell: \"echo $${HOME}\"}\n")
        #expect(errors(d) == [])
        #expect(stack?[ResourceAddress(type: "service", name: "web")]?.attributes["tags"] == .map(["shell": .string("echo ${HOME}")]))
    }
}
