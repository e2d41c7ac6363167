import Foundation

/// The JSON text the simulated runtime stores for a container: its spec (environment
/// emptied, since values may be secrets) and its labels, exactly as `JSONEncoder` with
/// `.sortedKeys` writes them, but written by `BodyJSONWriter` (escaping slashes, as
/// JSONEncoder does by default) — the Codable machinery cost more than the rest of creating
/// a container. A string with a control character makes `encode` hand the whole spec over
/// to JSONEncoder.
enum ContainerSpecJSON {
    /// (spec without environment values, labels), as `SimulatedRuntime` stores them.
    static func encode(_ spec: ContainerSpec) throws -> (spec: String, labels: String) {
        var stored = spec
        stored.environment = [:]
        var labels = BodyJSONWriter(escapingSlashes: true, capacity: 256)
        labels.map(spec.labels)
        var w = BodyJSONWriter(escapingSlashes: true, capacity: 512 + labels.bytes.count)
        stored.writeJSON(&w)
        if w.failed || labels.failed {
            return (try SimulatedRuntime.json(stored), try SimulatedRuntime.json(spec.labels))
        }
        return (String(decoding: w.bytes, as: UTF8.self), String(decoding: labels.bytes, as: UTF8.self))
    }

    /// Port bindings as this writer (or JSONEncoder) stored them, read without JSONDecoder:
    /// `[{"containerPort":N,"hostPort":N,"protocol":"..."},...]`. Nil for any other text
    /// (an escape in the protocol, other spacing or order), which the caller decodes fully.
    static func portBindings(_ json: String) -> [ContainerSpec.PortBinding]? {
        var text = json
        return text.withUTF8 { buffer -> [ContainerSpec.PortBinding]? in
            var scanner = Scanner(bytes: buffer)
            var out: [ContainerSpec.PortBinding] = []
            guard scanner.take("[") else { return nil }
            if scanner.take("]") { return scanner.atEnd ? out : nil }
            repeat {
                guard scanner.take("{\"containerPort\":"), let container = scanner.int(),
                      scanner.take(",\"hostPort\":"), let host = scanner.int(),
                      scanner.take(",\"protocol\":\""), let proto = scanner.plainString(), scanner.take("}")
                else { return nil }
                out.append(ContainerSpec.PortBinding(containerPort: container, hostPort: host, protocol: proto))
            } while scanner.take(",")
            return scanner.take("]") && scanner.atEnd ? out : nil
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        var atEnd: Bool { at == bytes.count }

        mutating func take(_ literal: StaticString) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard bytes.count - at >= n else { return false }
            let matches = literal.withUTF8Buffer { lit in
                (0..<n).allSatisfy { bytes[at + $0] == lit[$0] }
            }
            if matches { at += n }
            return matches
        }

        /// A JSON integer that fits an Int.
        mutating func int() -> Int? {
            var negative = false
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { negative = true; at += 1 }
            let start = at
            var value = 0
            while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(bytes[at] - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                value = a
                at += 1
            }
            guard at > start, at - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            return negative ? -value : value
        }

        /// The rest of a string whose opening quote was taken, when it has no escapes.
        mutating func plainString() -> String? {
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            at += 1
            return s
        }
    }
}

// Members in JSONEncoder's sorted key order; absent optionals left out, as synthesized Codable does.

extension ContainerSpec: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("command", command)
            w.member("cpuShares", cpuShares)
            w.member("entryPoint", entryPoint)
            w.member("environment", environment)
            w.member("healthCheck", healthCheck)
            w.member("image", image)
            w.member("labels", labels)
            w.member("memoryLimitMiB", memoryLimitMiB)
            w.member("memoryReservationMiB", memoryReservationMiB)
            w.member("name", name)
            w.member("portBindings", portBindings)
            w.member("workingDirectory", workingDirectory)
        }
    }
}

extension ContainerSpec.HealthCheck: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("command", command)
            w.member("interval", interval)
            w.member("retries", retries)
            w.member("startPeriod", startPeriod)
            w.member("timeout", timeout)
        }
    }
}

extension ContainerSpec.PortBinding: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("containerPort", containerPort)
            w.member("hostPort", hostPort)
            w.member("protocol", `protocol`)
        }
    }
}
