import Engine
import Foundation
import LocalProvider
import Orchestrator
import StackConfig

/// A LocalProvider over a real orchestrator in a fresh temporary directory.
struct Harness {
    let directory: URL
    let provider: LocalProvider
    var orchestrator: Orchestrator { provider.orchestrator }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lp-\(UUID().uuidString)")
        provider = try LocalProvider.open(directory: directory.path, principal: "tester")
    }

    func address(_ text: String) -> ResourceAddress {
        ResourceAddress(parsing: text) ?? ResourceAddress(type: "invalid", name: "invalid")
    }

    func normalize(_ type: String, _ attrs: [String: Value]) -> [String: Value] {
        provider.normalize(NormalizeRequest(type: type, attributes: attrs)).attributes
    }

    func create(_ addr: String, _ attrs: [String: Value]) async throws -> CreateResponse {
        let a = address(addr)
        return try await provider.create(CreateRequest(address: a, attributes: normalize(a.type, attrs)))
    }

    func read(_ addr: String, _ id: String, prior: [String: Value]) async throws -> [String: Value]? {
        try await provider.read(ReadRequest(address: address(addr), id: id, priorAttributes: prior)).attributes
    }

    func update(_ addr: String, _ id: String, prior: [String: Value], _ planned: [String: Value]) async throws -> [String: Value] {
        let a = address(addr)
        let p = normalize(a.type, planned)
        let changed = p.keys.filter { prior[$0] != p[$0] }.sorted()
        return try await provider.update(UpdateRequest(address: a, id: id, priorAttributes: prior, plannedAttributes: p,
                                                       changedAttributes: changed)).attributes
    }

    func delete(_ addr: String, _ id: String, prior: [String: Value] = [:]) async throws {
        _ = try await provider.delete(DeleteRequest(address: address(addr), id: id, priorAttributes: prior))
    }

    /// Every byte the orchestrator wrote (store, WAL, keys), for secret leak checks.
    func storeBytes() throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            all.append(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return all
    }

    /// The configured attributes (computed ones removed) of a read tree.
    static func configured(_ attrs: [String: Value]) -> [String: Value] {
        attrs.filter { !["arn", "id", "revision"].contains($0.key) }
    }
}

extension Value {
    static func s(_ text: String) -> Value { .string(text) }
}
