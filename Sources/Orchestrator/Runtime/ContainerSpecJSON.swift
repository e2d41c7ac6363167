import Foundation

/// The JSON text the simulated runtime stores for a container: its spec (environment
/// emptied, since values may be secrets) and its labels, exactly as `JSONEncoder` with
/// `.sortedKeys` writes them, but written directly — the Codable machinery cost more than
/// the rest of creating a container. The labels object is written once and reused inside
/// the spec. A string with a control character (which JSONEncoder escapes in ways not
/// reproduced here) makes `encode` hand the whole spec over to JSONEncoder.
struct ContainerSpecJSON {
    private var bytes: [UInt8] = []
    private var failed = false

    /// (spec without environment values, labels), as `SimulatedRuntime` stores them.
    static func encode(_ spec: ContainerSpec) throws -> (spec: String, labels: String) {
        var labels = ContainerSpecJSON()
        labels.map(spec.labels)
        var w = ContainerSpecJSON()
        w.bytes.reserveCapacity(512 + labels.bytes.count)
        w.write(spec, labels: labels.bytes)
        if w.failed || labels.failed {
            var stored = spec
            stored.environment = [:]
            return (try SimulatedRuntime.json(stored), try SimulatedRuntime.json(spec.labels))
        }
        return (String(decoding: w.bytes, as: UTF8.self), String(decoding: labels.bytes, as: UTF8.self))
    }

    // Members in JSONEncoder's sorted order (UTF-8 byte order of the keys); absent
    // optionals are left out, as synthesized Codable does.
    private mutating func write(_ spec: ContainerSpec, labels: [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        if let command = spec.command { key("command", &first); strings(command) }
        if let cpuShares = spec.cpuShares { key("cpuShares", &first); int(cpuShares) }
        if let entryPoint = spec.entryPoint { key("entryPoint", &first); strings(entryPoint) }
        key("environment", &first); bytes.append(contentsOf: "{}".utf8)
        if let h = spec.healthCheck {
            key("healthCheck", &first)
            var inner = true
            bytes.append(UInt8(ascii: "{"))
            key("command", &inner); strings(h.command)
            key("interval", &inner); int(h.interval)
            key("retries", &inner); int(h.retries)
            key("startPeriod", &inner); int(h.startPeriod)
            key("timeout", &inner); int(h.timeout)
            bytes.append(UInt8(ascii: "}"))
        }
        key("image", &first); string(spec.image)
        key("labels", &first); bytes.append(contentsOf: labels)
        if let m = spec.memoryLimitMiB { key("memoryLimitMiB", &first); int(m) }
        if let m = spec.memoryReservationMiB { key("memoryReservationMiB", &first); int(m) }
        key("name", &first); string(spec.name)
        key("portBindings", &first)
        bytes.append(UInt8(ascii: "["))
        for (i, p) in spec.portBindings.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var inner = true
            bytes.append(UInt8(ascii: "{"))
            key("containerPort", &inner); int(p.containerPort)
            key("hostPort", &inner); int(p.hostPort)
            key("protocol", &inner); string(p.protocol)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        if let w = spec.workingDirectory { key("workingDirectory", &first); string(w) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A string map with its keys in UTF-8 byte order, which is JSONEncoder's `.sortedKeys` order.
    private mutating func map(_ m: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        let sorted = m.count < 2 ? Array(m) : m.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (i, (k, v)) in sorted.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(k)
            bytes.append(UInt8(ascii: ":"))
            string(v)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ k: StaticString, _ first: inout Bool) {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func int(_ v: Int) {
        bytes.append(contentsOf: String(v).utf8)
    }

    private mutating func strings(_ xs: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, x) in xs.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(x)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// JSONEncoder's default escaping: quote, backslash and slash; other bytes as they are.
    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0..<0x20: failed = true
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
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
