import Foundation
import Testing
@testable import Orchestrator

/// The simulated runtime's direct JSON writer must give exactly what JSONEncoder with
/// `.sortedKeys` gives for the stored spec (environment emptied) and labels, including
/// where it hands over to JSONEncoder.
@Suite struct ContainerSpecJSONTests {
    func encoder(_ value: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    func expectMatches(_ spec: ContainerSpec, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var stored = spec
        stored.environment = [:]
        let (json, labels) = try ContainerSpecJSON.encode(spec)
        #expect(json == (try encoder(stored)), sourceLocation: sourceLocation)
        #expect(labels == (try encoder(spec.labels)), sourceLocation: sourceLocation)
    }

    let full = ContainerSpec(
        name: "ecs-0123abcd-app", image: "registry.local/team/app:1.2", command: ["/bin/app", "--port", "3000", "say \"hi\" \\ é 😀"],
        entryPoint: ["sh", "-c"], environment: ["DB_PASSWORD": "hunter2", "A": "b"],
        portBindings: [.init(containerPort: 80, hostPort: 8080), .init(containerPort: 53, hostPort: 0, protocol: "udp")],
        cpuShares: 256, memoryLimitMiB: 512, memoryReservationMiB: 128,
        labels: [
            "com.amazonaws.ecs.task-arn": "arn:aws:ecs:us-east-1:000000000000:task/c1/0123abcd",
            "com.amazonaws.ecs.container-name": "app", "com.amazonaws.ecs.cluster": "arn:aws:ecs:us-east-1:000000000000:cluster/c1",
            "com.amazonaws.ecs.task-definition-family": "app", "com.amazonaws.ecs.task-definition-version": "3",
        ],
        workingDirectory: "/srv", healthCheck: .init(command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 10, retries: 2))

    @Test func specsMatchJSONEncoder() throws {
        try expectMatches(full)
        try expectMatches(ContainerSpec(name: "a", image: "nginx"))
        var some = full
        some.command = []
        some.entryPoint = nil
        some.cpuShares = nil
        some.healthCheck = nil
        some.workingDirectory = nil
        some.portBindings = [.init(containerPort: 1)]
        some.labels = ["only": "one"]
        try expectMatches(some)
    }

    /// Label keys in the orders that a numeric or case-blind comparison would change, and
    /// strings with every character class JSONEncoder treats specially.
    @Test func keyOrderAndEscapesMatchJSONEncoder() throws {
        var spec = full
        spec.labels = ["a10": "1", "a9": "2", "B": "3", "a": "4", "é": "5", "Z": "6", "a/b": "x/y", "_": "", "a.b": "\u{7f}", "aa": "\u{2028}"]
        try expectMatches(spec)
        spec.image = "ghcr.io/é/🙂:tag"
        spec.name = "name with \"quotes\" and \\ back/slash"
        try expectMatches(spec)
    }

    /// Control characters are escaped by JSONEncoder, not here: the writer hands over.
    @Test func controlCharactersGoThroughJSONEncoder() throws {
        var spec = full
        spec.command = ["two\nlines", "tab\there", "\u{1}"]
        try expectMatches(spec)
        spec = full
        spec.labels["note"] = "bell\u{7}"
        try expectMatches(spec)
    }

    /// The stored port bindings read back without JSONDecoder are what JSONDecoder reads,
    /// and any text outside the written shape is left to JSONDecoder (nil).
    @Test func portBindingsReadBackAsWritten() throws {
        for bindings: [ContainerSpec.PortBinding] in [
            [], [.init(containerPort: 80)], [.init(containerPort: 3000, hostPort: 32768, protocol: "udp"), .init(containerPort: 0, hostPort: -1, protocol: "")],
            [.init(containerPort: 53, protocol: "sctp-é")],
        ] {
            let json = try encoder(bindings)
            #expect(ContainerSpecJSON.portBindings(json) == bindings)
            let spec = ContainerSpec(name: "a", image: "b", portBindings: bindings)
            let stored = try ContainerSpecJSON.encode(spec).spec
            let inner = try #require(stored.range(of: #""portBindings":"#)).upperBound
            let array = String(stored[inner...].dropLast())
            #expect(ContainerSpecJSON.portBindings(array) == bindings)
        }
        for other in [#"[{"containerPort":80,"hostPort":0,"protocol":"t\"cp"}]"#, #"[{"containerPort":80,"hostPort":0,"protocol":"a\/b"}]"#,
                      #"[ {"containerPort":80,"hostPort":0,"protocol":"tcp"}]"#,
                      #"[{"hostPort":0,"containerPort":80,"protocol":"tcp"}]"#, #"[{"containerPort":080,"hostPort":0,"protocol":"tcp"}]"#,
                      #"[{"containerPort":99999999999999999999,"hostPort":0,"protocol":"tcp"}]"#, #"[{"containerPort":80,"hostPort":0,"protocol":"tcp"}"#,
                      #"[{"containerPort":80,"hostPort":0,"protocol":"tcp"}]x"#, "["] {
            #expect(ContainerSpecJSON.portBindings(other) == nil, "\(other)")
        }
    }
}
