import Foundation

/// JSON text of the models written once per created resource (a task definition's body and
/// its registration's audit text), exactly as `ECSJSON.encoder()` writes them — sorted keys,
/// unescaped slashes, absent optionals left out, dates in seconds since 1970 — but written
/// directly: JSONEncoder's Codable machinery cost more than the rest of a registration. A value
/// this writer does not reproduce byte for byte (a string with a control character) marks it
/// `failed`, and `encode` then uses JSONEncoder.
struct BodyJSONWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var failed = false
    private var first: [Bool] = []
    /// JSONEncoder's default escapes `/`; `ECSJSON` turns that off.
    private let escapesSlashes: Bool

    init(escapingSlashes: Bool = false, capacity: Int = 2048) {
        escapesSlashes = escapingSlashes
        bytes.reserveCapacity(capacity)
    }

    /// `value` as `ECSJSON.encode` gives it.
    static func encode<T: BodyJSONEncodable>(_ value: T) throws -> Data {
        var w = BodyJSONWriter()
        value.writeJSON(&w)
        if w.failed { return try ECSJSON.encode(value) }
        return Data(w.bytes)
    }

    /// Hands the whole value over to JSONEncoder (a member this writer does not reproduce).
    mutating func giveUp() {
        failed = true
    }

    mutating func object(_ body: (inout BodyJSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first.append(true)
        body(&self)
        first.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ k: StaticString) {
        if first[first.count - 1] { first[first.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case UInt8(ascii: "/") where escapesSlashes: bytes.append(UInt8(ascii: "\\")); bytes.append(b)
            case 0..<0x20: failed = true
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func array<T>(_ xs: [T], _ element: (inout BodyJSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, x) in xs.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, x)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func member(_ k: StaticString, _ v: String?) {
        guard let v else { return }
        key(k); string(v)
    }

    mutating func member(_ k: StaticString, _ v: Int?) {
        guard let v else { return }
        key(k); bytes.append(contentsOf: String(v).utf8)
    }

    mutating func member(_ k: StaticString, _ v: Bool?) {
        guard let v else { return }
        key(k); bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    /// Seconds since 1970 as JSONEncoder writes a Double: its description, without a `.0`.
    mutating func member(_ k: StaticString, _ v: Date?) {
        guard let v else { return }
        let seconds = v.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e15 else { failed = true; return }
        var text = seconds.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        key(k); bytes.append(contentsOf: text.utf8)
    }

    mutating func member(_ k: StaticString, _ v: [String]?) {
        guard let v else { return }
        key(k); array(v) { $0.string($1) }
    }

    mutating func member(_ k: StaticString, _ v: [String: String]?) {
        guard let v else { return }
        key(k); map(v)
    }

    /// A string map, its keys in UTF-8 byte order: JSONEncoder's `.sortedKeys` order.
    mutating func map(_ m: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        let sorted = m.count < 2 ? Array(m) : m.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (i, (name, value)) in sorted.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(name); bytes.append(UInt8(ascii: ":")); string(value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func member<T: BodyJSONEncodable>(_ k: StaticString, _ v: T?) {
        guard let v else { return }
        key(k); v.writeJSON(&self)
    }

    mutating func member<T: BodyJSONEncodable>(_ k: StaticString, _ v: [T]?) {
        guard let v else { return }
        key(k); array(v) { w, x in x.writeJSON(&w) }
    }
}

/// A model `BodyJSONWriter` writes: its members in JSONEncoder's sorted key order.
protocol BodyJSONEncodable: Encodable {
    func writeJSON(_ w: inout BodyJSONWriter)
}

extension TaskDefinition: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("compatibilities", compatibilities)
            w.member("containerDefinitions", containerDefinitions)
            w.member("cpu", cpu)
            w.member("deregisteredAt", deregisteredAt)
            w.member("executionRoleArn", executionRoleArn)
            w.member("family", family)
            w.member("memory", memory)
            w.member("networkMode", networkMode)
            w.member("placementConstraints", placementConstraints)
            w.member("registeredAt", registeredAt)
            w.member("registeredBy", registeredBy)
            w.member("requiresCompatibilities", requiresCompatibilities)
            w.member("revision", revision)
            w.member("status", status)
            w.member("taskDefinitionArn", taskDefinitionArn)
            w.member("taskRoleArn", taskRoleArn)
        }
    }
}

extension RegisterTaskDefinitionRequest: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("containerDefinitions", containerDefinitions)
            w.member("cpu", cpu)
            w.member("executionRoleArn", executionRoleArn)
            w.member("family", family)
            w.member("memory", memory)
            w.member("networkMode", networkMode)
            w.member("placementConstraints", placementConstraints)
            w.member("requiresCompatibilities", requiresCompatibilities)
            w.member("tags", tags)
            w.member("taskRoleArn", taskRoleArn)
        }
    }
}

extension ContainerDefinition: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("command", command)
            w.member("cpu", cpu)
            w.member("dockerLabels", dockerLabels)
            w.member("entryPoint", entryPoint)
            w.member("environment", environment)
            w.member("essential", essential)
            w.member("healthCheck", healthCheck)
            w.member("image", image)
            w.member("links", links)
            w.member("memory", memory)
            w.member("memoryReservation", memoryReservation)
            w.member("name", name)
            w.member("portMappings", portMappings)
            w.member("secrets", secrets)
            w.member("workingDirectory", workingDirectory)
        }
    }
}

extension PortMapping: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("containerPort", containerPort)
            w.member("hostPort", hostPort)
            w.member("name", name)
            w.member("protocol", `protocol`)
        }
    }
}

extension KeyValuePair: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("name", name)
            w.member("value", value)
        }
    }
}

extension SecretReference: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("name", name)
            w.member("valueFrom", valueFrom)
        }
    }
}

extension HealthCheck: BodyJSONEncodable {
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

extension Tag: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("key", key)
            w.member("value", value)
        }
    }
}

extension TaskDefinitionPlacementConstraint: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("expression", expression)
            w.member("type", type)
        }
    }
}

extension Role: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("Arn", Arn)
            w.member("AssumeRolePolicyDocument", AssumeRolePolicyDocument)
            w.member("CreateDate", CreateDate)
            w.member("Description", Description)
            w.member("MaxSessionDuration", MaxSessionDuration)
            w.member("Path", Path)
            w.member("RoleId", RoleId)
            w.member("RoleName", RoleName)
            w.member("Tags", Tags)
        }
    }
}

extension CreateRoleRequest: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("AssumeRolePolicyDocument", AssumeRolePolicyDocument)
            w.member("Description", Description)
            w.member("MaxSessionDuration", MaxSessionDuration)
            w.member("Path", Path)
            w.member("RoleName", RoleName)
            w.member("Tags", Tags)
        }
    }
}

extension PutRolePolicyRequest: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("PolicyDocument", PolicyDocument)
            w.member("PolicyName", PolicyName)
            w.member("RoleName", RoleName)
        }
    }
}

extension IAMTag: BodyJSONEncodable {
    func writeJSON(_ w: inout BodyJSONWriter) {
        w.object { w in
            w.member("Key", Key)
            w.member("Value", Value)
        }
    }
}
