import Foundation
import Testing
@testable import Orchestrator

@Suite struct TaskDefinitionTests {
    func container(_ name: String = "app", memory: Int? = 128, essential: Bool? = nil, ports: [PortMapping]? = nil) -> ContainerDefinition {
        ContainerDefinition(name: name, image: "nginx", cpu: nil, memory: memory, memoryReservation: nil, essential: essential,
                            portMappings: ports, command: nil, entryPoint: nil, environment: nil, secrets: nil, healthCheck: nil,
                            workingDirectory: nil, dockerLabels: nil, links: nil)
    }

    @Test func revisionsAreImmutableAndNumbered() async throws {
        let h = try Harness()
        let a1 = try await h.taskDefinition("api", memory: 256)
        let a2 = try await h.taskDefinition("api", memory: 512)
        #expect(a1 == "arn:aws:ecs:local:000000000000:task-definition/api:1")
        #expect(a2.hasSuffix("api:2"))
        #expect(try await h.o.describeTaskDefinition(.init(taskDefinition: "api")).taskDefinition.revision == 2)
        let one = try await h.o.describeTaskDefinition(.init(taskDefinition: "api:1")).taskDefinition
        #expect(one.containerDefinitions[0].memory == 256)
        #expect(one.containerDefinitions[0].essential == true)
        #expect(one.networkMode == "bridge")
        #expect(one.compatibilities == ["EC2"])
        #expect(one.registeredBy == "tester")
        let dereg = try await h.o.deregisterTaskDefinition(.init(taskDefinition: a2)).taskDefinition
        #expect(dereg.status == "INACTIVE")
        #expect(dereg.deregisteredAt != nil)
        // INACTIVE revisions stay describable; the family now resolves to the latest ACTIVE one.
        #expect(try await h.o.describeTaskDefinition(.init(taskDefinition: a2)).taskDefinition.status == "INACTIVE")
        #expect(try await h.o.describeTaskDefinition(.init(taskDefinition: "api")).taskDefinition.revision == 1)
        #expect(try await h.o.listTaskDefinitions(.init()).taskDefinitionArns == [a1])
        #expect(try await h.o.listTaskDefinitions(.init(status: "INACTIVE")).taskDefinitionArns == [a2])
        #expect(try await h.taskDefinition("api").hasSuffix("api:3"))
        await expectError("ClientException") { _ = try await h.o.describeTaskDefinition(.init(taskDefinition: "nope")) }
        await expectError("ClientException") { _ = try await h.o.describeTaskDefinition(.init(taskDefinition: "api:99")) }
        await expectError("ClientException") { _ = try await h.o.deregisterTaskDefinition(.init(taskDefinition: "api")) }
    }

    @Test func familiesAndSorting() async throws {
        let h = try Harness()
        try await h.taskDefinition("b")
        try await h.taskDefinition("a")
        let a2 = try await h.taskDefinition("a")
        try await h.taskDefinition("c")
        _ = try await h.o.deregisterTaskDefinition(.init(taskDefinition: "c:1"))
        #expect(try await h.o.listTaskDefinitionFamilies(.init()).families == ["a", "b"])
        #expect(try await h.o.listTaskDefinitionFamilies(.init(status: "INACTIVE")).families == ["c"])
        #expect(try await h.o.listTaskDefinitionFamilies(.init(familyPrefix: "a", status: "ALL")).families == ["a"])
        #expect(try await h.o.listTaskDefinitions(.init(familyPrefix: "a", sort: "DESC")).taskDefinitionArns.first == a2)
        await expectError("InvalidParameterException") { _ = try await h.o.listTaskDefinitions(.init(sort: "UP")) }
    }

    @Test func validation() async throws {
        let h = try Harness()
        func register(_ r: RegisterTaskDefinitionRequest) async throws { _ = try await h.o.registerTaskDefinition(r) }
        await expectError("ClientException") { try await register(.init(family: "bad family", containerDefinitions: [container()])) }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [])) }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [container(memory: nil)])) }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [container(), container()])) }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [container(essential: false)])) }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [container()], networkMode: "mesh")) }
        await expectError("ClientException") {
            try await register(.init(family: "x", containerDefinitions: [container(ports: [PortMapping(containerPort: 70000, hostPort: nil, protocol: nil, name: nil)])]))
        }
        await expectError("ClientException") {
            try await register(.init(family: "x", containerDefinitions: [container(ports: [PortMapping(containerPort: 80, hostPort: 81, protocol: nil, name: nil)])], networkMode: "host"))
        }
        await expectError("ClientException") { try await register(.init(family: "x", containerDefinitions: [container()], taskRoleArn: "not-an-arn")) }
        #expect(try await h.o.listTaskDefinitionFamilies(.init(status: "ALL")).families.isEmpty)
    }

    @Test func fargateSizes() async throws {
        let h = try Harness()
        func fargate(_ cpu: String, _ memory: String, mode: String = "awsvpc") async throws -> TaskDefinition {
            try await h.o.registerTaskDefinition(.init(family: "f", containerDefinitions: [container(memory: nil)], networkMode: mode,
                                                      requiresCompatibilities: ["FARGATE"], cpu: cpu, memory: memory)).taskDefinition
        }
        let ok = try await fargate("256", "512")
        #expect(ok.compatibilities == ["EC2", "FARGATE"])
        #expect(try await fargate("1 vCPU", "2 GB").cpu == "1024")
        #expect(try await fargate("1 vCPU", "2 GB").memory == "2048")
        #expect(try await fargate("16384", "122880").revision > 0)
        let e = await expectError("ClientException") { _ = try await fargate("256", "4096") }
        #expect(e?.message.contains("No Fargate configuration exists") == true)
        await expectError("ClientException") { _ = try await fargate("512", "512") }
        await expectError("ClientException") { _ = try await fargate("8192", "18432") }
        await expectError("ClientException") { _ = try await fargate("256", "512", mode: "bridge") }
    }
}
