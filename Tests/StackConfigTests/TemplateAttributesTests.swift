import Testing
@testable import StackConfig

/// The loader records which top-level attributes hold references, so a plan resolves only those.
@Suite struct TemplateAttributesTests {
    /// Every top-level attribute holding a template is listed; the others hold none.
    @Test func listsExactlyTheAttributesWithReferences() throws {
        let text = baseStack + """
        task_roles:
          app:
            description: "for ${service.web.name} in ${cluster.main.name}"
        """
        let (stack, d) = try load(text)
        #expect(errors(d) == [])
        let stackValue = try #require(stack)
        for config in stackValue.resources {
            let listed = Set(try #require(config.templateAttributes))
            let holding = Set(config.attributes.filter { Self.holdsTemplate($0.value) }.map(\.key))
            #expect(listed == holding, "\(config.address)")
        }
        let service = try #require(stackValue[Self.address("service.web")])
        #expect(Set(service.templateAttributes ?? []) == ["cluster", "task_definition"])
        let role = try #require(stackValue[Self.address("task_role.app")])
        #expect(role.templateAttributes == ["description"])
        let cluster = try #require(stackValue[Self.address("cluster.main")])
        #expect(cluster.templateAttributes == [])
    }

    /// Changing the attributes forgets what was known (nil: any attribute may hold one), and
    /// the record is not part of equality.
    @Test func changingAttributesForgetsTheRecord() throws {
        let (stack, _) = try load(baseStack)
        var service = try #require(stack?[Self.address("service.web")])
        let original = service
        #expect(service.templateAttributes != nil)
        service.attributes["name"] = .string("other")
        #expect(service.templateAttributes == nil)
        var rebuilt = ResourceConfig(address: original.address, attributes: original.attributes, dependencies: original.dependencies,
                                     lifecycle: original.lifecycle, range: original.range, attributeRanges: original.attributeRanges)
        rebuilt.attributePlaces = original.attributePlaces
        #expect(rebuilt.templateAttributes == nil)
        #expect(rebuilt == original)
        #expect(rebuilt.hashValue == original.hashValue)
    }

    static func address(_ text: String) -> ResourceAddress {
        ResourceAddress(parsing: text) ?? ResourceAddress(type: "", name: "")
    }

    static func holdsTemplate(_ v: Value) -> Bool {
        switch v {
        case .template: return true
        case .sensitive(let inner): return holdsTemplate(inner)
        case .list(let xs): return xs.contains(where: holdsTemplate)
        case .map(let m): return m.values.contains(where: holdsTemplate)
        default: return false
        }
    }
}
