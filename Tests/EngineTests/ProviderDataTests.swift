import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Synchronization
import Testing

/// An in-memory provider whose reads are ETag-style: it fingerprints each object's stored
/// attributes and answers `unchanged` when the request's `priorPrivate` matches.
final class FingerprintingProvider: Provider, @unchecked Sendable {
    let inner: InMemoryProvider
    /// Answer `unchanged` to every read, whatever its prior data (a broken provider).
    let alwaysUnchanged: Bool
    /// Runs before each create (a test's side effects and waits).
    let beforeCreate: @Sendable (CreateRequest) async -> Void
    private let answers = Mutex((unchanged: 0, full: 0))
    private let hasher = SensitiveHasher(keyText: "fingerprints")

    init(_ inner: InMemoryProvider = InMemoryProvider(), alwaysUnchanged: Bool = false,
         beforeCreate: @escaping @Sendable (CreateRequest) async -> Void = { _ in }) {
        self.inner = inner
        self.alwaysUnchanged = alwaysUnchanged
        self.beforeCreate = beforeCreate
    }

    var unchangedAnswers: Int { answers.withLock { $0.unchanged } }
    var fullAnswers: Int { answers.withLock { $0.full } }
    func resetCounts() { answers.withLock { $0 = (0, 0) } }

    func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse {
        var schema = try await inner.getSchema(request).schema
        schema.fingerprintsReads = true
        return GetSchemaResponse(schema: schema)
    }
    func normalize(_ request: NormalizeRequest) -> NormalizeResponse { inner.normalize(request) }
    func read(_ request: ReadRequest) async throws -> ReadResponse {
        guard let object = inner.object(id: request.id) else { return try await inner.read(request) }
        let fingerprint = hasher.digest(.map(object.attributes))
        if alwaysUnchanged || request.priorPrivate == fingerprint {
            answers.withLock { $0.unchanged += 1 }
            return .unchangedObject
        }
        answers.withLock { $0.full += 1 }
        var response = try await inner.read(request)
        response.privateData = fingerprint
        return response
    }
    func create(_ request: CreateRequest) async throws -> CreateResponse {
        await beforeCreate(request)
        return try await inner.create(request)
    }
    func update(_ request: UpdateRequest) async throws -> UpdateResponse { try await inner.update(request) }
    func delete(_ request: DeleteRequest) async throws -> DeleteResponse { try await inner.delete(request) }
    func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse { try await inner.importResource(request) }
    func history(_ request: HistoryRequest) async throws -> HistoryResponse { try await inner.history(request) }
}

/// Provider-private data per resource (`ResourceState.privateData`, `"private"` on disk): how it
/// is recorded, used, cleared and stored.
@Suite struct ProviderDataTests {
    func harness(_ provider: FingerprintingProvider) -> (Harness, Engine) {
        let h = Harness()
        return (h, Engine(provider: provider, store: h.store))
    }

    func apply(_ engine: Engine, _ stack: Stack) async throws -> ApplyResult {
        let plan = try await engine.plan(stack: stack)
        return try await engine.apply(plan, stack: stack)
    }

    @Test func applyRecordsDataThatTheNextPlanUses() async throws {
        let provider = FingerprintingProvider()
        let (h, engine) = harness(provider)
        let result = try await apply(engine, shopStack())
        #expect(result.succeeded)
        let state = try await h.state()
        #expect(state.resources.count == 4)
        #expect(state.resources.values.allSatisfy { $0.privateData != nil })
        #expect(try h.stateText().contains("\"private\": "))

        provider.resetCounts()
        let plan = try await engine.plan(stack: shopStack())
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
        #expect(provider.unchangedAnswers == 4)
        #expect(provider.fullAnswers == 0)
    }

    @Test func outOfBandChangesStillShow() async throws {
        let provider = FingerprintingProvider()
        let (h, engine) = harness(provider)
        _ = try await apply(engine, shopStack())
        let state = try await h.state()
        let web = try #require(state[addr("service.web")])
        provider.inner.mutate(id: web.id) { $0["desired_count"] = .int(5) }

        let report = try await engine.drift(stack: shopStack())
        let entry = try #require(report.resources.first { $0.address == web.address })
        #expect(entry.status == .modified)
        #expect(entry.differences == [AttributeDifference(path: "desired_count", before: .int(2), after: .int(5))])
        #expect(report.resources.filter { $0.status != .inSync }.count == 1)

        // The merged attributes carry no data: nothing vouches a read reports them as merged.
        let refreshed = try await engine.refresh(state)
        #expect(refreshed.state[web.address]?.privateData == nil)
        #expect(refreshed.state[addr("cluster.main")]?.privateData == state[addr("cluster.main")]?.privateData)

        let plan = try await engine.plan(stack: shopStack())
        #expect(h.change(plan, "service.web")?.action == .update)
    }

    @Test func anUpdateReplacesTheData() async throws {
        let provider = FingerprintingProvider()
        let (h, engine) = harness(provider)
        _ = try await apply(engine, shopStack())
        let before = try #require(try await h.state()[addr("service.web")]?.privateData)
        let result = try await apply(engine, shopStack(count: 3))
        #expect(result.changed == 1)
        let after = try #require(try await h.state()[addr("service.web")]?.privateData)
        #expect(after != before)
        provider.resetCounts()
        #expect(!(try await engine.plan(stack: shopStack(count: 3)).hasChanges))
        #expect(provider.fullAnswers == 0)
    }

    @Test func statesWithoutDataLoadAndGainItOnTheNextApply() async throws {
        let inner = InMemoryProvider()
        let h = Harness(provider: inner)
        try await h.apply(shopStack())
        #expect(try await h.state().resources.values.allSatisfy { $0.privateData == nil })
        #expect(try !h.stateText().contains("\"private\""))

        let provider = FingerprintingProvider(inner)
        let engine = Engine(provider: provider, store: h.store)
        #expect(!(try await engine.plan(stack: shopStack()).hasChanges))
        #expect(provider.fullAnswers == 4)
        // Plan writes nothing; an apply with no changes records what its refresh vouched for.
        #expect(try await h.state().resources.values.allSatisfy { $0.privateData == nil })
        _ = try await apply(engine, shopStack())
        #expect(try await h.state().resources.values.allSatisfy { $0.privateData != nil })
    }

    @Test func unchangedWithoutRecordedDataIsAnError() async throws {
        let inner = InMemoryProvider()
        let h = Harness(provider: inner)
        try await h.apply(shopStack())
        let engine = Engine(provider: FingerprintingProvider(inner, alwaysUnchanged: true), store: h.store)
        await #expect(throws: EngineError.self) { _ = try await engine.drift(stack: nil) }
    }

    /// Applied resources are read back while the walk goes on, each only once every step
    /// waiting on it has finished: here a service's create changes its cluster (as placing
    /// tasks changes a cluster's counts, which reads do not report but fingerprints cover).
    @Test func readsDuringTheWalkWaitForDependents() async throws {
        // Reads report no "placed" (the fingerprint covers it).
        let inner = InMemoryProvider(readTransform: { _, attributes in attributes.filter { $0.key != "placed" } })
        let readsBeforeService = Mutex(0)
        let provider = FingerprintingProvider(inner) { request in
            guard request.type == "service" else { return }
            // Wait (at most 10 s) until the first batch of roles is being read: the walk is
            // not over until this create returns.
            let deadline = ContinuousClock.now + .seconds(10)
            while inner.callCounts.reads == 0, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
            readsBeforeService.withLock { $0 = inner.callCounts.reads }
            guard let cluster = inner.objects.first(where: { $0.type == "cluster" }) else { return }
            inner.mutate(id: cluster.id, principal: "ecsform") { $0["placed"] = .int(2) }
        }
        var b = StackBuilder(name: "many")
        b.resource("cluster.main", ["name": .string("main"), "size": .int(3), "tags": .map([:])])
        b.resource("service.web", ["name": .string("web"), "cluster": StackBuilder.ref("cluster.main.name"), "desired_count": .int(2), "tags": .map([:])])
        // More roles than one read batch (256) holds.
        let roles = 300
        for i in 0..<roles {
            b.resource("role.r\(i)", ["name": .string("r\(i)"), "tags": .map([:])])
        }
        let stack = b.build()
        let (h, engine) = harness(provider)
        let result = try await apply(engine, stack)
        #expect(result.succeeded)
        #expect(readsBeforeService.withLock { $0 } > 0)
        #expect(inner.callCounts.reads >= roles + 2)
        #expect(try await h.state().resources.values.allSatisfy { $0.privateData != nil })

        // The cluster was read after the service changed it: every read is now `unchanged`.
        provider.resetCounts()
        #expect(!(try await engine.plan(stack: stack).hasChanges))
        #expect(provider.fullAnswers == 0)
        #expect(provider.unchangedAnswers == roles + 2)
    }

    @Test func stateFileRoundTripsData() throws {
        let hasher = SensitiveHasher(keyText: "k")
        var state = State(stack: "s")
        state[addr("cluster.a")] = ResourceState(address: addr("cluster.a"), id: "a", attributes: ["n": .int(1)], privateData: "fp\"1")
        state[addr("cluster.b")] = ResourceState(address: addr("cluster.b"), id: "b", attributes: ["n": .int(2)])
        let decoded = try StateFile.decode(StateFile.encode(state, hasher: hasher), path: "s.json")
        #expect(decoded[addr("cluster.a")]?.privateData == "fp\"1")
        #expect(decoded[addr("cluster.b")]?.privateData == nil)
        #expect(decoded == state)
    }
}
