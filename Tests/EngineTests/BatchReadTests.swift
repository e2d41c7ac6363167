import ECSFormTesting
import Engine
import Foundation
import StackConfig
import Testing

/// A provider that reads in batches (as the LocalProvider does), over an InMemoryProvider,
/// recording each batch's size and refusing to read chosen ids.
final class BatchingProvider: Provider, @unchecked Sendable {
    let inner: InMemoryProvider
    private let mutex = NSLock()
    private var sizes: [Int] = []
    private var historyBatches: [Int] = []
    let failing: Set<String>
    /// Answers this many results too few (a broken provider).
    let shortBy: Int

    init(inner: InMemoryProvider, failing: Set<String> = [], shortBy: Int = 0) {
        self.inner = inner
        self.failing = failing
        self.shortBy = shortBy
    }

    var batchSizes: [Int] { mutex.withLock { sizes } }
    var historyBatchSizes: [Int] { mutex.withLock { historyBatches } }

    func getSchema(_ request: GetSchemaRequest) async throws -> GetSchemaResponse { try await inner.getSchema(request) }
    func normalize(_ request: NormalizeRequest) -> NormalizeResponse { inner.normalize(request) }
    func read(_ request: ReadRequest) async throws -> ReadResponse {
        if failing.contains(request.id) { throw ProviderError("refused \(request.id)") }
        return try await inner.read(request)
    }
    func readResources(_ request: ReadResourcesRequest) async -> ReadResourcesResponse {
        mutex.withLock { sizes.append(request.resources.count) }
        var results: [Result<ReadResponse, any Error>] = []
        for item in request.resources.dropLast(shortBy) {
            do { results.append(.success(try await read(item))) } catch { results.append(.failure(error)) }
        }
        return ReadResourcesResponse(results: results)
    }
    func create(_ request: CreateRequest) async throws -> CreateResponse { try await inner.create(request) }
    func update(_ request: UpdateRequest) async throws -> UpdateResponse { try await inner.update(request) }
    func delete(_ request: DeleteRequest) async throws -> DeleteResponse { try await inner.delete(request) }
    func importResource(_ request: ImportResourceRequest) async throws -> ImportResourceResponse { try await inner.importResource(request) }
    func history(_ request: HistoryRequest) async throws -> HistoryResponse { try await inner.history(request) }
    func histories(_ request: HistoriesRequest) async -> HistoriesResponse {
        mutex.withLock { historyBatches.append(request.resources.count) }
        var out: [ChangeRecord?] = []
        for item in request.resources { out.append(try? await inner.history(item).lastChange) }
        return HistoriesResponse(lastChanges: out)
    }
}

@Suite struct BatchReadTests {
    /// `count` clusters, `cluster.c000` ...
    static func clusters(_ count: Int, size: Int = 1) -> Stack {
        var b = StackBuilder(name: "many")
        for i in 0..<count {
            let name = "c" + String(format: "%03d", i)
            b.resource("cluster.\(name)", ["name": .string(name), "size": .int(size), "tags": .map([:])])
        }
        return b.build()
    }

    func applied(_ count: Int) async throws -> (Harness, InMemoryProvider) {
        let inner = InMemoryProvider()
        let h = Harness(provider: inner)
        try await h.apply(Self.clusters(count))
        return (h, inner)
    }

    @Test func refreshReadsInBatchesAndKeepsEveryResult() async throws {
        let (h, inner) = try await applied(45)
        let state = try await h.state()
        let ids = state.sortedResources.map(\.id)
        for (n, id) in ids.enumerated() where n % 9 == 0 { inner.mutate(id: id) { $0["size"] = .int(n + 100) } }
        inner.remove(id: ids[44])
        let batching = BatchingProvider(inner: inner)
        let engine = Engine(provider: batching, store: h.store)
        let result = try await engine.refresh(state, parallelism: 4)
        // 45 reads over 4 lanes: batches of at most 12, every resource read once.
        #expect(batching.batchSizes.reduce(0, +) == 45)
        #expect(batching.batchSizes.allSatisfy { $0 <= 12 })
        #expect(batching.batchSizes.count >= 4)
        let drifted = result.drift.map(\.address.description)
        #expect(drifted == ["cluster.c000", "cluster.c009", "cluster.c018", "cluster.c027", "cluster.c036", "cluster.c044"])
        for (n, r) in state.sortedResources.enumerated() where n % 9 == 0 && n != 44 {
            #expect(result.state.resources[r.address]?.attributes["size"] == .int(n + 100))
        }
        #expect(result.state.resources[addr("cluster.c044")] == nil)
        #expect(result.state.resources[addr("cluster.c001")]?.attributes == state.resources[addr("cluster.c001")]?.attributes)
    }

    @Test func largeStatesUseBatchesOfAtMostTheLimit() async throws {
        let (h, inner) = try await applied(600)
        let batching = BatchingProvider(inner: inner)
        let engine = Engine(provider: batching, store: h.store)
        let plan = try await engine.plan(stack: Self.clusters(600), options: PlanOptions(parallelism: 2))
        #expect(!plan.hasChanges)
        #expect(batching.batchSizes.reduce(0, +) == 600)
        #expect(batching.batchSizes.allSatisfy { $0 <= 256 })
        #expect(batching.batchSizes.count == 3)
    }

    @Test func failedItemsAreAllReportedAndTheRestStillRead() async throws {
        let (h, inner) = try await applied(12)
        let state = try await h.state()
        let ids = state.sortedResources.map(\.id)
        let batching = BatchingProvider(inner: inner, failing: [ids[2], ids[7]])
        let engine = Engine(provider: batching, store: h.store)
        let error = await #expect(throws: EngineError.self) { try await engine.refresh(state, parallelism: 3) }
        let message = error?.message ?? ""
        #expect(message.contains("cluster.c002: reading \(ids[2]) failed: refused \(ids[2])"))
        #expect(message.contains("cluster.c007: reading \(ids[7]) failed: refused \(ids[7])"))
        #expect(batching.batchSizes.reduce(0, +) == 12)
    }

    @Test func aProviderThatAnswersTooFewResultsFailsEveryItemOfThatBatch() async throws {
        let (h, inner) = try await applied(4)
        let engine = Engine(provider: BatchingProvider(inner: inner, shortBy: 1), store: h.store)
        let error = await #expect(throws: EngineError.self) { try await engine.refresh(try await h.state(), parallelism: 1) }
        #expect(error?.message.contains("the provider answered 3 reads for 4 requests") == true)
    }

    @Test func planBasisThenPlanEqualsPlan() async throws {
        let (h, inner) = try await applied(20)
        let state = try await h.state()
        inner.mutate(id: state.sortedResources[3].id) { $0["size"] = .int(7) }
        let stack = Self.clusters(20, size: 1)
        let whole = try await h.engine.plan(stack: stack)
        let basis = try await h.engine.planBasis()
        let split = try h.engine.plan(stack: stack, basis: basis)
        #expect(split.changes == whole.changes)
        #expect(split.drift == whole.drift)
        #expect(split.actions.map(\.address.description) == ["cluster.c003"])
    }

    @Test func anEarlyPlanIsThePlanWhenNothingDrifted() async throws {
        let (h, _) = try await applied(20)
        let stack = Self.clusters(20, size: 2)
        let whole = try await h.engine.plan(stack: stack)
        let unrefreshed = try await h.engine.unrefreshedBasis()
        let early = try h.engine.plan(stack: stack, basis: unrefreshed)
        let basis = await h.engine.refreshing(unrefreshed, options: PlanOptions())
        let plan = try h.engine.plan(stack: stack, basis: basis, options: PlanOptions(), early: early)
        #expect(plan.changes == whole.changes)
        #expect(plan.drift.isEmpty)
        #expect(plan.actions.count == 20)
        #expect(plan.priorState.resources == whole.priorState.resources)
    }

    @Test func anEarlyPlanIsNotUsedAfterDrift() async throws {
        let (h, inner) = try await applied(20)
        let state = try await h.state()
        let stack = Self.clusters(20, size: 1)
        let unrefreshed = try await h.engine.unrefreshedBasis()
        let early = try h.engine.plan(stack: stack, basis: unrefreshed)
        #expect(!early.hasChanges)
        inner.mutate(id: state.sortedResources[3].id) { $0["size"] = .int(7) }
        let basis = await h.engine.refreshing(unrefreshed, options: PlanOptions())
        let plan = try h.engine.plan(stack: stack, basis: basis, options: PlanOptions(), early: early)
        #expect(plan.actions.map(\.address.description) == ["cluster.c003"])
        #expect(plan.drift.map(\.address.description) == ["cluster.c003"])
        #expect(plan.changes == (try await h.engine.plan(stack: stack)).changes)
    }

    @Test func anEarlyPlanForOtherOptionsIsNotUsed() async throws {
        let (h, _) = try await applied(5)
        let stack = Self.clusters(5, size: 1)
        let unrefreshed = try await h.engine.unrefreshedBasis()
        let early = try h.engine.plan(stack: stack, basis: unrefreshed)
        let destroy = PlanOptions(destroy: true)
        let basis = await h.engine.refreshing(unrefreshed, options: destroy)
        let plan = try h.engine.plan(stack: stack, basis: basis, options: destroy, early: early)
        #expect(plan.actions.count == 5)
        #expect(plan.actions.allSatisfy { $0.action == .delete })
    }

    @Test func aRefreshFailureComesAfterTheStateBelongsToAnotherStackCheck() async throws {
        let (h, inner) = try await applied(3)
        let state = try await h.state()
        let engine = Engine(provider: BatchingProvider(inner: inner, failing: [state.sortedResources[0].id]), store: h.store)
        let basis = try await engine.planBasis()
        var other = Self.clusters(3)
        other.name = "other"
        let error = #expect(throws: EngineError.self) { try engine.plan(stack: other, basis: basis) }
        #expect(error?.message.contains("belongs to stack \"many\"") == true)
        let refreshError = #expect(throws: EngineError.self) { try engine.plan(stack: Self.clusters(3), basis: basis) }
        #expect(refreshError?.message.contains("refused") == true)
    }

    @Test func driftLooksUpHistoriesInBatchesOnlyForDriftedResources() async throws {
        let (h, inner) = try await applied(10)
        let state = try await h.state()
        let when = Date(timeIntervalSince1970: 1_790_000_000)
        inner.mutate(id: state.sortedResources[1].id, principal: "alice", action: "Scale", at: when) { $0["size"] = .int(9) }
        inner.remove(id: state.sortedResources[5].id, principal: "bob", action: "Delete")
        let batching = BatchingProvider(inner: inner)
        let engine = Engine(provider: batching, store: h.store)
        let basis = try await engine.driftBasis(state: state)
        let report = await engine.drift(basis: basis, stack: Self.clusters(10))
        #expect(batching.historyBatchSizes == [2])
        let byAddress = Dictionary(uniqueKeysWithValues: report.resources.map { ($0.address.description, $0) })
        #expect(byAddress["cluster.c001"]?.status == .modified)
        #expect(byAddress["cluster.c001"]?.lastChange == ChangeRecord(time: when, principal: "alice", action: "Scale"))
        #expect(byAddress["cluster.c005"]?.status == .deleted)
        #expect(byAddress["cluster.c005"]?.lastChange?.principal == "bob")
        #expect(report.resources.filter { $0.status == .inSync }.count == 8)
    }
}
