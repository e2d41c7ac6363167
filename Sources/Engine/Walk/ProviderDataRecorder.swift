import StackConfig

/// Reads applied resources back while the walk goes on, to record the provider data (read
/// fingerprints) the next plan's refresh uses (`Engine.recordProviderData`). Read at the end
/// of the walk, 10,000 resources kept an apply waiting half a second after its last change;
/// here most of them are read in the walk's idle time, one batch at a time, and only what is
/// left when the walk ends is read then.
///
/// A resource is read once its step and every step waiting on it have finished: a dependent's
/// change may change it as a side effect (tasks placed by a service change their cluster's
/// counts), and data recorded before that would only cost the next plan a full read.
actor ProviderDataRecorder {
    private let engine: Engine
    private let live: LiveState
    private let schema: ProviderSchema
    private let batchSize: Int
    /// step -> the steps it waits for.
    private let dependencies: [ApplyStep: [ApplyStep]]
    /// step -> how many steps waiting for it have not finished.
    private var unfinishedDependents: [ApplyStep: Int] = [:]
    /// Applied steps not yet read: some dependent has not finished.
    private var applied: Set<ApplyStep> = []
    /// Applied, every dependent finished: the next batch's members.
    private var ready: [ResourceAddress] = []
    private var reading: Task<Void, Never>?
    /// Set by `finish`: no batch starts in the background after it.
    private var finishing = false

    init(engine: Engine, live: LiveState, schema: ProviderSchema, dependencies: [ApplyStep: [ApplyStep]],
         batchSize: Int = Engine.readBatchLimit) {
        self.engine = engine
        self.live = live
        self.schema = schema
        self.batchSize = max(1, batchSize)
        self.dependencies = dependencies
        for deps in dependencies.values {
            for d in deps { unfinishedDependents[d, default: 0] += 1 }
        }
    }

    /// Called when a step of the walk has run (`ok`: it succeeded).
    func finished(_ step: ApplyStep, ok: Bool) {
        if ok, case .apply = step {
            if unfinishedDependents[step, default: 0] == 0 { ready.append(step.address) } else { applied.insert(step) }
        }
        for d in dependencies[step] ?? [] {
            unfinishedDependents[d, default: 0] -= 1  // counted in init
            if unfinishedDependents[d] == 0, applied.remove(d) != nil { ready.append(d.address) }
        }
        startBatch()
    }

    /// Waits for the batch being read, then reads everything applied and not yet read (steps
    /// whose dependents failed or were skipped included), `parallelism` batches at once.
    func finish(parallelism: Int) async {
        finishing = true
        await reading?.value
        let rest = ready + applied.map(\.address)
        ready = []
        applied = []
        await engine.recordProviderData(of: rest, in: live, schema: schema, parallelism: parallelism)
    }

    private func startBatch() {
        guard reading == nil, !finishing, ready.count >= batchSize else { return }
        let batch = Array(ready.prefix(batchSize))
        ready.removeFirst(batch.count)
        let (engine, live, schema) = (engine, live, schema)
        reading = Task {
            await engine.recordProviderData(of: batch, in: live, schema: schema, parallelism: 1)
            self.batchRead()
        }
    }

    private func batchRead() {
        reading = nil
        startBatch()
    }
}
