import Engine
import Foundation
import StackConfig

/// A complete provider over an in-memory object table, for engine tests and benchmarks.
/// Schema and normalisation are configurable; it can fail chosen operations, counts calls,
/// records the order operations start and finish, and lets tests change or delete objects
/// behind the engine's back (drift).
public final class InMemoryProvider: Provider, @unchecked Sendable {
    /// One object in the table.
    public struct Object: Sendable, Hashable {
        public var id: String
        public var type: String
        public var attributes: [String: Value]
    }

    /// Call counts.
    public struct Counters: Sendable, Hashable {
        public var reads = 0, creates = 0, updates = 0, deletes = 0, imports = 0, histories = 0
        /// Most operations that were in flight at once.
        public var maxConcurrent = 0
    }

    /// `start`/`end` of an operation on an address, in the order they happened.
    public struct LogEntry: Sendable, Hashable, CustomStringConvertible {
        public enum Phase: String, Sendable { case start, end }
        public var phase: Phase
        public var operation: ApplyOperation
        public var address: ResourceAddress
        public var id: String
        public var description: String { "\(phase) \(operation) \(address) \(id)" }
    }

    private let mutex = NSLock()
    private let schema: ProviderSchema
    private let normalizer: @Sendable (String, [String: Value]) -> [String: Value]
    private let readTransform: @Sendable (String, [String: Value]) -> [String: Value]
    private let latency: Duration
    private var table: [String: Object] = [:]
    private var history: [String: ChangeRecord] = [:]
    private var tokens: [String: String] = [:]
    private var failures: [String: String] = [:]
    private var counters = Counters()
    private var inFlight = 0
    private var log: [LogEntry] = []
    private var nextSerial = 0
    private let keepLog: Bool

    /// - Parameters:
    ///   - schema: the resource types served (default `InMemoryProvider.exampleSchema`).
    ///   - normalize: canonicalises configured trees (default: unchanged).
    ///   - latency: how long each create/update/delete takes (to exercise parallelism).
    ///   - keepLog: record start/end of each operation (turn off for benchmarks).
    ///   - readTransform: changes what `read` and create/update responses report (to imitate
    ///     providers that drop configuration-only attributes or return secrets unmarked).
    public init(schema: ProviderSchema = InMemoryProvider.exampleSchema,
                normalize: @escaping @Sendable (String, [String: Value]) -> [String: Value] = { _, a in a },
                latency: Duration = .zero, keepLog: Bool = true,
                readTransform: @escaping @Sendable (String, [String: Value]) -> [String: Value] = { _, a in a }) {
        self.schema = schema
        self.normalizer = normalize
        self.readTransform = readTransform
        self.latency = latency
        self.keepLog = keepLog
    }

    // MARK: Test controls

    /// Makes `operation` on `address` throw `ProviderError(message)` until cleared.
    public func fail(_ operation: ApplyOperation, of address: ResourceAddress, message: String = "injected failure") {
        mutex.withLock { failures["\(operation) \(address)"] = message }
    }

    public func clearFailures() { mutex.withLock { failures = [:] } }

    public var callCounts: Counters { mutex.withLock { counters } }
    public var operationLog: [LogEntry] { mutex.withLock { log } }
    public var objects: [Object] { mutex.withLock { table.values.sorted { $0.id < $1.id } } }
    public func object(id: String) -> Object? { mutex.withLock { table[id] } }

    /// Changes an object out of band, recording `action` by `principal` in its history.
    public func mutate(id: String, principal: String = "someone-else", action: String = "Update",
                       at time: Date = Date(), _ change: @Sendable (inout [String: Value]) -> Void) {
        mutex.withLock {
            guard var o = table[id] else { return }
            change(&o.attributes)
            table[id] = o
            history[id] = ChangeRecord(time: time, principal: principal, action: action)
        }
    }

    /// Deletes an object out of band.
    public func remove(id: String, principal: String = "someone-else", action: String = "Delete", at time: Date = Date()) {
        mutex.withLock {
            table[id] = nil
            history[id] = ChangeRecord(time: time, principal: principal, action: action)
        }
    }

    /// Adds an object that ecsform did not make (for import).
    public func insert(type: String, id: String, attributes: [String: Value]) {
        mutex.withLock { table[id] = Object(id: id, type: type, attributes: attributes) }
    }

    // MARK: Provider

    public func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse {
        GetSchemaResponse(schema: schema)
    }

    public func normalize(_ request: NormalizeRequest) -> NormalizeResponse {
        NormalizeResponse(attributes: normalizer(request.type, request.attributes))
    }

    public func read(_ request: ReadRequest) async throws -> ReadResponse {
        mutex.withLock {
            counters.reads += 1
            return ReadResponse(attributes: table[request.id].map { readTransform($0.type, $0.attributes) })
        }
    }

    public func create(_ request: CreateRequest) async throws -> CreateResponse {
        try await operate(.create, request.address, id: "") {
            guard self.schema.resourceTypes[request.type] != nil else { throw ProviderError("unknown type \(request.type)") }
            if !request.idempotencyToken.isEmpty, let existing = self.tokens[request.idempotencyToken],
               let o = self.table[existing] {
                return CreateResponse(id: o.id, attributes: o.attributes)  // a retried create: no duplicate
            }
            self.counters.creates += 1
            self.nextSerial += 1
            let name = request.attributes["name"]?.stringValue ?? request.address.name
            let id = "mem:\(request.type)/\(name)/\(self.nextSerial)"
            var attrs = request.attributes
            self.fillComputed(&attrs, type: request.type, id: id, serial: self.nextSerial)
            self.table[id] = Object(id: id, type: request.type, attributes: attrs)
            if !request.idempotencyToken.isEmpty { self.tokens[request.idempotencyToken] = id }
            self.history[id] = ChangeRecord(time: Date(), principal: "ecsform", action: "Create")
            return CreateResponse(id: id, attributes: self.readTransform(request.type, attrs))
        }
    }

    public func update(_ request: UpdateRequest) async throws -> UpdateResponse {
        try await operate(.update, request.address, id: request.id) {
            guard var o = self.table[request.id] else { throw ProviderError("\(request.id) does not exist") }
            if self.schema.resourceTypes[o.type]?.immutable == true { throw ProviderError("\(o.type) objects cannot be updated") }
            self.counters.updates += 1
            let computed = self.schema.resourceTypes[o.type]?.computedAttributes ?? []
            for (k, v) in request.plannedAttributes where !computed.contains(k) { o.attributes[k] = v }
            self.table[request.id] = o
            self.history[request.id] = ChangeRecord(time: Date(), principal: "ecsform", action: "Update")
            return UpdateResponse(attributes: self.readTransform(o.type, o.attributes))
        }
    }

    public func delete(_ request: DeleteRequest) async throws -> DeleteResponse {
        try await operate(.delete, request.address, id: request.id) {
            self.counters.deletes += 1
            self.table[request.id] = nil
            return DeleteResponse()
        }
    }

    public func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse {
        mutex.withLock {
            counters.imports += 1
            guard let o = table[request.id], o.type == request.type else {
                return ImportResourceResponse(id: request.id, attributes: nil)
            }
            return ImportResourceResponse(id: o.id, attributes: o.attributes)
        }
    }

    public func history(_ request: HistoryRequest) async throws -> HistoryResponse {
        mutex.withLock {
            counters.histories += 1
            return HistoryResponse(lastChange: history[request.id])
        }
    }

    // MARK: Internals

    private func operate<T>(_ op: ApplyOperation, _ address: ResourceAddress, id: String,
                            _ body: @escaping () throws -> T) async throws -> T {
        try mutex.withLock {
            if let message = failures["\(op) \(address)"] { throw ProviderError(message) }
            inFlight += 1
            counters.maxConcurrent = max(counters.maxConcurrent, inFlight)
            if keepLog { log.append(LogEntry(phase: .start, operation: op, address: address, id: id)) }
        }
        if latency > .zero { try? await Task.sleep(for: latency) }
        return try mutex.withLock {
            inFlight -= 1
            let result = try body()
            if keepLog {
                let newID = (result as? CreateResponse)?.id ?? id
                log.append(LogEntry(phase: .end, operation: op, address: address, id: newID))
            }
            return result
        }
    }

    private func fillComputed(_ attrs: inout [String: Value], type: String, id: String, serial: Int) {
        guard let rs = schema.resourceTypes[type] else { return }
        for (name, a) in rs.attributes where a.computed {
            switch name {
            case "id": attrs[name] = .string(id)
            case "arn": attrs[name] = .string("arn:mem:\(id)")
            default: attrs[name] = .int(serial)
            }
        }
    }
}
