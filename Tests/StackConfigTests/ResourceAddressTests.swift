import StackConfig
import Testing

@Suite struct ResourceAddressTests {
    @Test func parsesTypeDotName() {
        #expect(ResourceAddress(parsing: "service.web") == ResourceAddress(type: "service", name: "web"))
        #expect(ResourceAddress(parsing: "task_definition.app-1") == ResourceAddress(type: "task_definition", name: "app-1"))
        #expect(ResourceAddress(parsing: "é.ü") == ResourceAddress(type: "é", name: "ü"))
    }

    @Test func refusesAnythingButOneDotBetweenTwoParts() {
        for text in ["", ".", "service", "service.", ".web", "a.b.c", "a..b", "service.web."] {
            #expect(ResourceAddress(parsing: text) == nil, "\(text)")
        }
    }
}
