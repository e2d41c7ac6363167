import Foundation
import GRDB

/// Applies the service reconciler through the store and the runtime, pass after pass,
/// until nothing changes (a fixed point) or `maxPasses` is reached. Each pass:
/// observe running tasks → finish requested stops → launch tasks left unstarted (claimed
/// now) → reconcile services → start the tasks that reconcile placed (claimed in its
/// transaction); when they all run, the transaction recording them reconciles again and
/// may settle the converge there. Every write is atomic on its own and re-reads what it changes
/// (or, recording started tasks, checks they are as claimed), so
/// concurrent processes converging the same store do not lose each other's work. A scope
/// may span clusters: `ConvergeQueue` merges concurrent requests into one.
struct ServiceController: Sendable {
    let store: Store
    let driver: any TaskDriver
    let sealer: SecretSealer
    let maxPasses: Int
    /// A claim (PENDING, DEPROVISIONING) older than this belongs to a controller that died
    /// (e.g. a CLI killed mid-action): another one takes the task over. A claim whose process
    /// on this host is gone is taken over at once (`TaskClaim`). Starting adopts the
    /// containers the dead one had created (by label), so nothing is started twice.
    static let claimTimeout: TimeInterval = 60

    /// `only` limits the converge to those services and their tasks (an action on one
    /// service need not reconcile every other service of the cluster); nil is the whole cluster.
    func converge(clusterArn: String, touched initial: Set<String> = [], only services: Set<String>? = nil) async throws {
        try await converge(Scope(clusterArn: clusterArn, services: services), touched: initial)
    }

    /// Converges everything in `scope` together: each step of a pass is one transaction for
    /// all of its clusters and services. `placed`: tasks the callers' own transactions placed
    /// and claimed (`placeNew`), started first, as a pass starts what its reconcile placed;
    /// `settleFirst` when nothing else in scope needs a look first (only new services), so
    /// the transaction recording them may settle the converge.
    func converge(_ scope: Scope, touched initial: Set<String>, placed: [ECSTask] = [], settleFirst: Bool = false) async throws {
        var touched = initial
        var failures: [String: Int] = [:]
        let definitions = DefinitionCache()
        if try await startPlaced(placed, scope, settle: settleFirst, touched: &touched, failures: &failures, definitions) == true { return }
        for _ in 0..<maxPasses {
            // One read for what every step of the pass first checks. Observing only requests
            // stops of RUNNING tasks and finishing stops only stops tasks, so neither can make
            // a task launchable: the launch check stays valid for the whole pass; the stop
            // check is read again only when observing changed something.
            let start = try await store.read { db in
                PassStart(running: try Self.runningHandles(db, scope, definitions: definitions),
                          anyStop: try Self.anyTask(db, scope, where: Self.stopCondition),
                          anyLaunch: try Self.anyTask(db, scope, where: Self.launchCondition))
            }
            var progress = false
            let observed = try await observe(running: start.running, failures: &failures)
            progress = observed || progress
            progress = try await finishStops(scope, definitions, due: observed ? nil : start.anyStop) || progress
            if start.anyLaunch {
                let claimed = try await store.write { db in try Self.claim(db, scope, where: Self.launchCondition, as: "PENDING", stamp: \.pullStartedAt) }
                progress = try await launch(claimed, failures: &failures, definitions).launched || progress
            }
            // A pass with nothing else to do records the steady state in its reconcile
            // transaction when that reconcile changes nothing either (the last pass), or when
            // it changed only services and a second look in the same transaction finds
            // nothing more to do (`settled`).
            let quiet = !progress
            var reconciled = try await reconcileServices(scope, failures: failures, definitions,
                                                         steadyIfQuiet: quiet ? touched : nil)
            touched.formUnion(reconciled.touched)
            progress = reconciled.changed || progress
            // Tasks the reconcile placed were claimed in its transaction: start them now.
            if let settled = try await startPlaced(reconciled.created, scope, settle: quiet, touched: &touched, failures: &failures, definitions) {
                progress = true
                reconciled.settled = settled
            }
            if reconciled.settled || !progress { return }
        }
        try await recordSteadyState(touched)
    }

    /// Starts tasks a reconcile placed (and claimed in its transaction). With `settle` (the
    /// pass was otherwise quiet), when every one of them runs, the transaction that records
    /// them reconciles again and may settle (the look the next pass would take); tasks that
    /// reconcile places are started the same way. Returns whether the last such reconcile
    /// settled the converge, or nil when there was nothing to start.
    private func startPlaced(_ placed: [ECSTask], _ scope: Scope, settle: Bool, touched: inout Set<String>,
                             failures: inout [String: Int], _ definitions: DefinitionCache) async throws -> Bool? {
        guard !placed.isEmpty else { return nil }
        var created = placed
        var settled = false
        while !created.isEmpty {
            let launched = try await launch(created, failures: &failures, definitions,
                                            settling: settle ? (scope, touched) : nil)
            created = []
            if let again = launched.reconciled {
                touched.formUnion(again.touched)
                settled = again.settled
                created = again.created
            }
        }
        return settled
    }

    /// Places the tasks of services the caller's transaction just created (their scope), in
    /// that transaction, claimed for this process: the create need not wait for a converge
    /// round (and its transactions) to place them. Handed to `ConvergeQueue.converge(_:touched:placed:)`,
    /// the next round starts them.
    static func placeNew(_ db: Database, _ scope: Scope) throws -> [ECSTask] {
        try reconcileServices(db, scope, failures: [:], DefinitionCache()).created
    }

    private struct PassStart: Sendable {
        /// RUNNING tasks by cluster.
        var running: [String: [TaskHandle]]
        var anyStop: Bool
        var anyLaunch: Bool
    }

    static let stopCondition = "desiredStatus = 'STOPPED' AND lastStatus != 'STOPPED'"
    static let launchCondition = "lastStatus IN ('PROVISIONING', 'PENDING') AND desiredStatus = 'RUNNING'"

    // MARK: observe

    private func observe(running: [String: [TaskHandle]], failures: inout [String: Int]) async throws -> Bool {
        guard !running.isEmpty else { return false }
        var observations: [String: TaskObservation] = [:]
        for (cluster, handles) in running.sorted(by: { $0.key < $1.key }) {
            observations.merge(await driver.observeAll(handles, clusterArn: cluster)) { a, _ in a }
        }
        let seen = observations.filter { $0.value != .running }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        guard !seen.isEmpty else { return false }
        let observed = seen
        let failed = try await store.write { db -> [String] in
            let now = Date()
            var failedServices: [String] = []
            for (arn, o) in observed {
                guard var t = try ECSTask.fetchOne(db, arn: arn), t.lastStatus == "RUNNING", t.desiredStatus == "RUNNING" else { continue }
                switch o {
                case .exited(let name, let code):
                    for i in t.containers.indices where t.containers[i].name == name {
                        t.containers[i].lastStatus = "STOPPED"
                        t.containers[i].exitCode = code
                        t.containers[i].reason = "Essential container exited with code \(code)"
                    }
                    try TaskState.requestStop(db, &t, code: "EssentialContainerExited", reason: "Essential container in task exited", now: now)
                case .unhealthy(let name):
                    for i in t.containers.indices where t.containers[i].name == name { t.containers[i].healthStatus = "UNHEALTHY" }
                    t.healthStatus = "UNHEALTHY"
                    try TaskState.requestStop(db, &t, code: "ServiceSchedulerInitiated", reason: "Task failed container health checks", now: now)
                case .running: continue
                }
                if let s = try Self.recordFailure(db, t) { failedServices.append(s) }
            }
            return failedServices
        }
        for s in failed { failures[s, default: 0] += 1 }
        return true
    }

    // MARK: stop

    /// `due`: whether any task awaits its stop, when already known; nil reads it.
    private func finishStops(_ scope: Scope, _ definitions: DefinitionCache, due: Bool?) async throws -> Bool {
        let condition = Self.stopCondition
        if let due {
            guard due else { return false }
        } else {
            guard try await store.read({ db in try Self.anyTask(db, scope, where: condition) }) else { return false }
        }
        // Claim the tasks to stop (→ DEPROVISIONING) so that only this process stops their containers.
        let stopping = try await store.write { db in
            try Self.claim(db, scope, where: condition, as: "DEPROVISIONING", stamp: \.executionStoppedAt)
        }
        guard !stopping.isEmpty else { return false }
        let handles = try await store.read { db in try stopping.map { try Self.handle(db, $0, definitions) } }
        for h in handles where h.containers.contains(where: { $0.runtimeId != nil }) {
            await driver.stop(h)
        }
        try await store.write { db in
            let now = Date()
            try TaskClaim.release(db, taskArns: stopping.map(\.taskArn))
            for s in stopping {
                guard var t = try ECSTask.fetchOne(db, arn: s.taskArn), t.lastStatus != "STOPPED" else { continue }
                let wasRunning = s.startedAt != nil
                t.lastStatus = "STOPPED"
                t.stoppedAt = now
                t.version += 1
                for i in t.containers.indices where t.containers[i].lastStatus != "STOPPED" {
                    t.containers[i].lastStatus = "STOPPED"
                    if wasRunning && t.containers[i].exitCode == nil { t.containers[i].exitCode = 0 }
                }
                try t.upsert(db)
            }
        }
        return true
    }

    /// Moves the tasks `sql` selects to `status` under this process's claim: those not yet in
    /// `status`, and those whose claim went stale (older than `claimTimeout`, or held by a
    /// process on this host that is gone). `stamp` records when the claim was taken.
    private static func claim(_ db: Database, _ scope: Scope, where condition: String, as status: String,
                              stamp: WritableKeyPath<ECSTask, Date?>) throws -> [ECSTask] {
        let now = Date()
        let stale = now.addingTimeInterval(-claimTimeout)
        let (filter, arguments) = scope.taskFilter
        var tasks = try ECSTask.fetchAll(db.cachedStatement(sql: "SELECT * FROM task WHERE \(filter) AND \(condition)"), arguments: arguments).filter {
            try $0.lastStatus != status || ($0[keyPath: stamp] ?? .distantPast) < stale
                || TaskClaim.holderIsGone(db, taskArn: $0.taskArn)
        }
        for i in tasks.indices {
            try TaskClaim.take(db, taskArn: tasks[i].taskArn)
            tasks[i][keyPath: stamp] = now
            tasks[i].lastStatus = status
            tasks[i].version += 1
            try tasks[i].upsert(db)
        }
        return tasks
    }

    // MARK: launch

    /// What `launch` did: whether it started anything, and the reconcile its transaction
    /// ran when asked to settle.
    private struct Launched: Sendable {
        var launched = false
        var reconciled: Reconciled?
    }

    /// Starts the containers of tasks this process has claimed (PENDING under its claim:
    /// PROVISIONING tasks claimed in `claim`, or tasks the reconcile placed and claimed).
    /// `settling` (scope and services touched so far): when every task runs, the transaction
    /// that records them also reconciles the scope (`settle`).
    private func launch(_ claimed: [ECSTask], failures: inout [String: Int], _ definitions: DefinitionCache,
                        settling: (scope: Scope, touched: Set<String>)? = nil) async throws -> Launched {
        guard !claimed.isEmpty else { return Launched() }
        let (tds, secrets) = try await store.read { db in
            var tds: [String: TaskDefinition] = [:]
            for t in claimed where tds[t.taskDefinitionArn] == nil { tds[t.taskDefinitionArn] = try definitions.definition(db, t.taskDefinitionArn) }
            let names = Set(tds.values.flatMap { td in
                td.containerDefinitions.flatMap { ($0.secrets ?? []).map { SecretStore.name(of: $0.valueFrom) } }
            })
            return (tds, try SecretStore.open(db, names: names, sealer: sealer))
        }
        var results: [(String, TaskLaunchResult)] = []
        var specs: [TaskLaunchSpec] = []
        for t in claimed {
            guard let td = tds[t.taskDefinitionArn] else { continue }
            switch TaskLaunchSpecBuilder.build(t, td, secrets: secrets, tokenKey: sealer) {
            case .success(let spec): specs.append(spec)
            case .failure(let e): results.append((t.taskArn, .failedToStart(container: "", reason: e.message)))
            }
        }
        results += zip(specs.map(\.taskArn), await driver.launchAll(specs)).map { ($0, $1) }
        let outcomes = results
        let failureCounts = failures
        let now = Date()
        let running = try Self.encodeRunning(claimed, outcomes, now: now)
        let (failed, orphans, reconciled) = try await store.write { db -> ([String], [TaskHandle], Reconciled?) in
            var failedServices: [String] = []
            var orphans: [TaskHandle] = []
            try TaskClaim.release(db, taskArns: outcomes.map(\.0))
            for (arn, result) in outcomes {
                if let body = running[arn], try Self.recordRunning(db, arn: arn, body) { continue }
                guard var t = try ECSTask.fetchOne(db, arn: arn), t.lastStatus == "PENDING" else {
                    // Stopped by another process while its containers were starting: stop them too.
                    if case .running(let ids) = result {
                        orphans.append(TaskHandle(taskArn: arn, containers: ids.map { ($0.key, $0.value, true) }))
                    }
                    continue
                }
                switch result {
                case .running(let ids):
                    try Self.started(t, ids: ids, now: now).upsert(db)
                case .failedToStart(let name, let reason):
                    for i in t.containers.indices {
                        t.containers[i].lastStatus = "STOPPED"
                        if t.containers[i].name == name { t.containers[i].reason = reason }
                    }
                    try TaskState.requestStop(db, &t, code: "TaskFailedToStart", reason: reason, now: now)
                    if let s = try Self.recordFailure(db, t) { failedServices.append(s) }
                case .unhealthy(let name, let ids):
                    t.lastStatus = "RUNNING"
                    t.startedAt = now
                    for i in t.containers.indices {
                        t.containers[i].lastStatus = "RUNNING"
                        t.containers[i].runtimeId = ids[t.containers[i].name]
                        if t.containers[i].name == name { t.containers[i].healthStatus = "UNHEALTHY" }
                    }
                    t.healthStatus = "UNHEALTHY"
                    try TaskState.requestStop(db, &t, code: "ServiceSchedulerInitiated", reason: "Task failed container health checks", now: now)
                    if let s = try Self.recordFailure(db, t) { failedServices.append(s) }
                case .exited(let name, let code, let ids):
                    for i in t.containers.indices {
                        t.containers[i].runtimeId = ids[t.containers[i].name]
                        t.containers[i].lastStatus = t.containers[i].name == name ? "STOPPED" : "RUNNING"
                        if t.containers[i].name == name {
                            t.containers[i].exitCode = code
                            t.containers[i].reason = "Essential container exited with code \(code)"
                        }
                    }
                    t.startedAt = now
                    try TaskState.requestStop(db, &t, code: "EssentialContainerExited", reason: "Essential container in task exited", now: now)
                    if let s = try Self.recordFailure(db, t) { failedServices.append(s) }
                }
            }
            guard let settling, failedServices.isEmpty, orphans.isEmpty,
                  outcomes.allSatisfy({ if case .running = $0.1 { true } else { false } }) else {
                return (failedServices, orphans, nil)
            }
            return ([], [], try Self.settle(db, settling.scope, failures: failureCounts, definitions, touched: settling.touched))
        }
        for o in orphans { await driver.stop(o) }
        for s in failed { failures[s, default: 0] += 1 }
        return Launched(launched: true, reconciled: reconciled)
    }

    /// A claimed task whose containers all run, as the launch records it.
    private static func started(_ task: ECSTask, ids: [String: String], now: Date) -> ECSTask {
        var t = task
        t.lastStatus = "RUNNING"
        t.startedAt = now
        t.healthStatus = "HEALTHY"
        for i in t.containers.indices {
            t.containers[i].lastStatus = "RUNNING"
            t.containers[i].runtimeId = ids[t.containers[i].name]
            t.containers[i].healthStatus = "HEALTHY"
        }
        t.version += 1
        return t
    }

    /// The RUNNING bodies of the claimed tasks that started, encoded before the transaction
    /// that records them (the store's one writer is what an apply waits on), with the version
    /// each was claimed at.
    private static func encodeRunning(_ claimed: [ECSTask], _ outcomes: [(String, TaskLaunchResult)],
                                      now: Date) throws -> [String: (version: Int, body: Data)] {
        let byArn = Dictionary(claimed.map { ($0.taskArn, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: (version: Int, body: Data)] = [:]
        for (arn, result) in outcomes {
            guard case .running(let ids) = result, let t = byArn[arn], t.lastStatus == "PENDING" else { continue }
            out[arn] = (t.version, try BodyCoding.encode(started(t, ids: ids, now: now)))
        }
        return out
    }

    /// Writes a prepared RUNNING body if the task is still as this process claimed it (PENDING,
    /// to run, at the claimed version); false when anything else changed it meanwhile, for the
    /// caller to read it and decide.
    private static func recordRunning(_ db: Database, arn: String, _ prepared: (version: Int, body: Data)) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE task SET lastStatus = 'RUNNING', body = ? WHERE arn = ? AND lastStatus = 'PENDING' "
            + "AND desiredStatus = 'RUNNING' AND json_extract(CAST(body AS TEXT), '$.version') = ?")
            .execute(arguments: [prepared.body, arn, prepared.version])
        return db.changesCount == 1
    }

    /// Counts a failed task against its deployment while that deployment is rolling out.
    /// Returns the service's ARN when the task belonged to one.
    static func recordFailure(_ db: Database, _ t: ECSTask) throws -> String? {
        guard let arn = t.serviceArn, var s = try Service.fetchOne(db, arn: arn) else { return nil }
        if let i = s.deployments.firstIndex(where: { $0.id == t.startedBy }), s.deployments[i].rolloutState == "IN_PROGRESS" {
            s.deployments[i].failedTasks += 1
            try s.upsert(db)
        }
        return arn
    }

    // MARK: reconcile

    /// What one reconcile transaction did.
    struct Reconciled: Sendable {
        var changed = false
        var touched: Set<String> = []
        /// Tasks placed and claimed (PENDING) in the transaction, for this process to start.
        var created: [ECSTask] = []
        /// Whether tasks were placed or stops requested (work for another pass).
        var tasksChanged = false
        /// The services reached a fixed point in this transaction and their steady state is recorded.
        var settled = false
        /// Every service this reconcile changed (and no task of) decides nothing more when
        /// reconciled again as it now is: a second look would change nothing.
        var stable = true
        /// Each service this reconcile looked at, as it leaves it in the store.
        var services: [String: Service] = [:]
        /// The services in `services` changed and not yet written: a transaction writes each
        /// once, after what else it records of them (`write`, `recordSteadyState`).
        var unwritten: Set<String> = []

        mutating func add(_ other: Reconciled) {
            changed = changed || other.changed
            touched.formUnion(other.touched)
            created += other.created
            tasksChanged = tasksChanged || other.tasksChanged
            stable = stable && other.stable
            services.merge(other.services) { _, new in new }
            unwritten.formUnion(other.unwritten)
        }

        /// Writes the services changed and not yet written.
        mutating func write(_ db: Database) throws {
            for arn in unwritten.sorted() { try services[arn]?.upsert(db) }
            unwritten = []
        }
    }

    /// `steadyIfQuiet` (nil when the pass already did something else): when this reconcile
    /// changes nothing, record the steady state of those services in the same transaction
    /// (what `recordSteadyState` does after the last pass). When it changed only services
    /// (counts, rollout states, events), it looks again in the same transaction; finding
    /// nothing more, it records the steady state and reports `settled`, which saves the pass
    /// that would only confirm it.
    private func reconcileServices(_ scope: Scope, failures: [String: Int], _ definitions: DefinitionCache,
                                   steadyIfQuiet: Set<String>?) async throws -> Reconciled {
        try await store.write { db in
            guard let steady = steadyIfQuiet else { return try Self.reconcileServices(db, scope, failures: failures, definitions) }
            return try Self.settle(db, scope, failures: failures, definitions, touched: steady)
        }
    }

    /// A reconcile of `scope` that records the steady state of `touched` (and what it
    /// touches) when it changes nothing, or when it changes only services and a second look
    /// finds nothing more to do; `settled` then says the converge is done.
    private static func settle(_ db: Database, _ scope: Scope, failures: [String: Int], _ definitions: DefinitionCache,
                               touched: Set<String>) throws -> Reconciled {
        var result = try reconcileUnwritten(db, scope, failures: failures, definitions)
        if !result.changed {
            try recordSteadyState(db, touched, known: result.services)
            result.settled = true
        } else if !result.tasksChanged {
            if !result.stable {
                try result.write(db)
                var again = try reconcileUnwritten(db, scope, failures: failures, definitions)
                guard !again.changed else {
                    try again.write(db)
                    return result
                }
                try recordSteadyState(db, touched.union(result.touched), known: again.services)
            } else {
                // Each changed service is written once, with its steady-state event if it has one.
                try recordSteadyState(db, touched.union(result.touched), known: result.services, unwritten: result.unwritten)
                result.unwritten = []
            }
            result.settled = true
        }
        try result.write(db)
        return result
    }

    private static func reconcileServices(_ db: Database, _ scope: Scope, failures: [String: Int],
                                          _ definitions: DefinitionCache) throws -> Reconciled {
        var result = try reconcileUnwritten(db, scope, failures: failures, definitions)
        try result.write(db)
        return result
    }

    /// A reconcile that leaves the services it changed in `unwritten`: its caller writes them.
    private static func reconcileUnwritten(_ db: Database, _ scope: Scope, failures: [String: Int],
                                           _ definitions: DefinitionCache) throws -> Reconciled {
        var result = Reconciled()
        for cluster in scope.clusterArns {
            result.add(try reconcileServices(db, cluster: cluster, scope.only(cluster), failures: failures, definitions))
        }
        return result
    }

    private static func reconcileServices(_ db: Database, cluster clusterArn: String, _ scope: Scope, failures: [String: Int],
                                          _ definitions: DefinitionCache) throws -> Reconciled {
        do {
            let now = Date()
            let (filter, arguments) = scope.serviceFilter
            let services = try Service.fetchAll(db.cachedStatement(sql: "SELECT * FROM service WHERE \(filter) AND status != 'INACTIVE' ORDER BY arn"), arguments: arguments)
            guard !services.isEmpty else { return Reconciled() }
            var instanceStatus: [String: String] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT arn, status FROM containerInstance WHERE clusterArn = ?"), arguments: [clusterArn]) {
                instanceStatus[row["arn"]] = row["status"]
            }
            // Built when first needed: a pass with nothing to place reads no capacity. Until
            // then, stops need not give capacity back to it (the store already has it back).
            var placement: PlacementSession?
            func session() throws -> PlacementSession {
                if let placement { return placement }
                let made = try PlacementSession(candidates: try TaskFactory.capacity(db, clusterArn: clusterArn,
                                                                                       services: services.map(\.serviceArn)))
                placement = made
                return made
            }
            guard let cluster = try Cluster.fetchOne(db, arn: clusterArn) else { return Reconciled() }
            var result = Reconciled()
            func cachedTD(_ arn: String) throws -> TaskDefinition {
                guard let td = try definitions.definition(db, arn) else { throw ECSError.client("Unable to describe task definition.") }
                return td
            }
            for service in services {
                let views = try Self.taskViews(db, serviceArn: service.serviceArn, instanceStatus: instanceStatus)
                let desired = service.desiredCount
                let limit = max(ServiceReconciler.failureThreshold(desired: desired), desired) + 1
                var daemonInstances: [String] = []
                if service.schedulingStrategy == "DAEMON", let p = service.deployments.first(where: { $0.status == "PRIMARY" }) {
                    let td = try cachedTD(p.taskDefinition)
                    let constraints = TaskFactory.constraints(td, service.placementConstraints).filter { $0.type == "memberOf" }
                    let current = try session()
                    daemonInstances = try current.instanceIDs.filter { try current.admits(constraints, instance: $0) }
                }
                let throttled = (failures[service.serviceArn] ?? 0) >= limit
                let decision = ServiceReconciler.reconcile(.init(
                    service: service, tasks: views, daemonInstances: daemonInstances, throttled: throttled, now: now))
                var s = decision.service
                var events = decision.events
                let prefix = "(service \(s.serviceName)) "
                // Stops first, so their capacity is free for the launches.
                var stopped: [String] = []
                for stop in decision.stops {
                    guard var t = try ECSTask.fetchOne(db, arn: stop.taskArn) else { continue }
                    let wasRunning = t.lastStatus == "RUNNING"
                    try TaskState.requestStop(db, &t, code: "ServiceSchedulerInitiated", reason: stop.reason, now: now)
                    if wasRunning { stopped.append(t.id) }
                    if let ci = t.containerInstanceArn, placement != nil { placement?.release(TaskFactory.needs(t), from: ci) }
                }
                if !stopped.isEmpty {
                    events.append(prefix + "has stopped \(stopped.count) running tasks: " + stopped.map { "(task \($0))" }.joined(separator: " ") + ".")
                }
                var started: [String] = []
                for launch in decision.launches {
                    let td = try cachedTD(launch.taskDefinition)
                    let group = "service:\(s.serviceName)"
                    var targets: [String?] = []
                    if s.launchType == "FARGATE" {
                        targets = Array(repeating: nil, count: launch.count)
                    } else {
                        let needs = TaskFactory.needs(td, group: group)
                        let constraints = TaskFactory.constraints(td, s.placementConstraints)
                        var miss: PlacementMiss?
                        var current = try session()
                        defer { placement = current }
                        for _ in 0..<launch.count {
                            let result = try current.place(
                                needs, constraints: launch.instanceArn == nil ? constraints : constraints.filter { $0.type != "distinctInstance" },
                                strategies: launch.instanceArn == nil ? (s.placementStrategy ?? []) : [], on: launch.instanceArn)
                            switch result {
                            case .success(let id): targets.append(id)
                            case .failure(let m): miss = m
                            }
                            if miss != nil { break }
                        }
                        if let miss {
                            let text = prefix + miss.explanation
                            if !s.events.prefix(10).contains(where: { $0.message == text }) && !events.contains(text) { events.append(text) }
                        }
                    }
                    for target in targets {
                        var t = TaskFactory.make(td, cluster: cluster, instanceArn: target, launchType: s.launchType ?? "EC2",
                                                 startedBy: launch.deploymentId, group: group, overrides: nil, now: now)
                        // Claimed for this process at once (as `claim` would on the next pass),
                        // so the controller starts it right after this transaction.
                        t.lastStatus = "PENDING"
                        t.pullStartedAt = now
                        t.version += 1
                        try TaskFactory.insert(db, t)
                        try TaskClaim.take(db, taskArn: t.taskArn)
                        result.created.append(t)
                        if s.propagateTags == "SERVICE" { try Lookup.putTags(db, t.taskArn, try Lookup.tags(db, s.serviceArn)) }
                        started.append(t.id)
                        if let i = s.deployments.firstIndex(where: { $0.id == launch.deploymentId }) { s.deployments[i].pendingCount += 1 }
                        s.pendingCount += 1
                    }
                }
                if !started.isEmpty {
                    events.append(prefix + "has started \(started.count) tasks: " + started.map { "(task \($0))" }.joined(separator: " ") + ".")
                }
                Self.prepend(events, to: &s, now: now)
                if s != service {
                    result.unwritten.insert(s.serviceArn)
                    result.changed = true
                    result.touched.insert(s.serviceArn)
                    // The second look `settle` would take, for this service alone: when it
                    // decided no launch or stop, its tasks are as they were, so only the
                    // service is new.
                    if decision.launches.isEmpty, decision.stops.isEmpty {
                        let again = ServiceReconciler.reconcile(.init(
                            service: s, tasks: views, daemonInstances: daemonInstances, throttled: throttled, now: now))
                        if !again.isEmpty || again.service != s { result.stable = false }
                    }
                }
                if !decision.launches.isEmpty || !decision.stops.isEmpty { result.stable = false }
                result.services[s.serviceArn] = s
                if !stopped.isEmpty || !started.isEmpty || !decision.stops.isEmpty {
                    result.changed = true
                    result.tasksChanged = true
                    result.touched.insert(s.serviceArn)
                }
            }
            return result
        }
    }

    static func prepend(_ messages: [String], to s: inout Service, now: Date) {
        guard !messages.isEmpty else { return }
        let new = messages.reversed().map { ServiceEvent(id: IDs.uuid(), createdAt: now, message: $0) }
        s.events = Array((new + s.events).prefix(100))
    }

    // MARK: steady state

    private func recordSteadyState(_ services: Set<String>) async throws {
        guard !services.isEmpty else { return }
        try await store.write { db in try Self.recordSteadyState(db, services) }
    }

    /// `known`: services as this transaction leaves them (read from the store otherwise);
    /// `unwritten`: those of them still to be written, with or without the steady state.
    private static func recordSteadyState(_ db: Database, _ services: Set<String>, known: [String: Service] = [:],
                                          unwritten: Set<String> = []) throws {
        let now = Date()
        var write = unwritten
        var changed = known
        for arn in services {
            guard var s = try known[arn] ?? Service.fetchOne(db, arn: arn), s.status == "ACTIVE",
                  let p = s.deployments.first(where: { $0.status == "PRIMARY" }), p.rolloutState == "COMPLETED",
                  s.deployments.count == 1, s.runningCount == s.desiredCount, s.pendingCount == 0 else { continue }
            let text = "(service \(s.serviceName)) has reached a steady state."
            if s.events.first?.message == text { continue }
            Self.prepend([text], to: &s, now: now)
            changed[arn] = s
            write.insert(arn)
        }
        for arn in write.sorted() { try changed[arn]?.upsert(db) }
    }

    // MARK: helpers

    private static func handle(_ db: Database, _ t: ECSTask, _ definitions: DefinitionCache) throws -> TaskHandle {
        let td = try definitions.definition(db, t.taskDefinitionArn)
        return TaskHandle(taskArn: t.taskArn, containers: t.containers.map { c in
            (c.name, c.runtimeId, td?.containerDefinitions.first { $0.name == c.name }?.essential ?? true)
        })
    }
}
