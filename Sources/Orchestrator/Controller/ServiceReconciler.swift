import Foundation

/// The pure heart of the service controller: given a service and its live tasks, decide
/// which tasks to launch and stop and how the deployments move on. No I/O; the
/// `ServiceController` reads the snapshot, calls this, and applies the decision.
enum ServiceReconciler {
    /// A live task (desired RUNNING) as the reconciler sees it.
    struct TaskView: Sendable, Equatable {
        var arn: String
        var deploymentId: String?
        var running: Bool
        var instanceArn: String?
        /// On a DRAINING or deregistered instance: to be replaced elsewhere.
        var retiring: Bool
        var createdAt: Date
    }

    struct Input: Sendable {
        var service: Service
        var tasks: [TaskView]
        /// DAEMON: the ACTIVE instances the service's constraints admit.
        var daemonInstances: [String]
        /// Launches are suppressed (retry throttling) when true.
        var throttled: Bool
        var now: Date
    }

    struct Launch: Sendable, Equatable {
        var deploymentId: String
        var taskDefinition: String
        var count: Int
        var instanceArn: String?
    }

    struct Stop: Sendable, Equatable {
        var taskArn: String
        var reason: String
    }

    struct Decision: Sendable {
        var service: Service
        var launches: [Launch]
        var stops: [Stop]
        /// Deployment events, already prefixed with "(service NAME) ".
        var events: [String]
        var isEmpty: Bool { launches.isEmpty && stops.isEmpty && events.isEmpty }
    }

    /// ECS's circuit breaker threshold: half the desired count, at least 3, at most 200.
    static func failureThreshold(desired: Int) -> Int {
        max(3, min(200, Int((Double(desired) / 2).rounded(.up))))
    }

    static func reconcile(_ input: Input) -> Decision {
        var s = input.service
        var events: [String] = []
        let prefix = "(service \(s.serviceName)) "
        var launches: [Launch] = []
        var stops: [Stop] = []
        let tasks = input.tasks.sorted { $0.createdAt == $1.createdAt ? $0.arn < $1.arn : $0.createdAt < $1.createdAt }

        if s.status == "INACTIVE" { return Decision(service: s, launches: [], stops: [], events: []) }
        if s.status == "DRAINING" {
            stops = tasks.map { Stop(taskArn: $0.arn, reason: "Service \(s.serviceName) deleted") }
            if tasks.isEmpty {
                s.status = "INACTIVE"
                s.deployments = s.deployments.filter { $0.status == "PRIMARY" }
            }
            count(&s, tasks, primaryIndex: nil, desired: 0)
            return Decision(service: s, launches: [], stops: stops, events: [])
        }
        guard var p = s.deployments.firstIndex(where: { $0.status == "PRIMARY" }) else {
            return Decision(service: s, launches: [], stops: [], events: [])
        }
        let daemon = s.schedulingStrategy == "DAEMON"
        let desired = daemon ? input.daemonInstances.count : s.desiredCount
        if daemon { s.desiredCount = desired }
        s.deployments[p].desiredCount = desired

        // Circuit breaker, then rollback to the last completed deployment.
        let breaker = s.deploymentConfiguration?.deploymentCircuitBreaker
        if s.deployments[p].rolloutState == "IN_PROGRESS", breaker?.enable == true,
           s.deployments[p].failedTasks >= failureThreshold(desired: desired) {
            s.deployments[p].rolloutState = "FAILED"
            s.deployments[p].rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start."
            s.deployments[p].updatedAt = input.now
            events.append(prefix + "(deployment \(s.deployments[p].id)) deployment failed: tasks failed to start.")
            if breaker?.rollback == true,
               let t = s.deployments.indices.first(where: { $0 != p && s.deployments[$0].rolloutState == "COMPLETED" }) {
                var failed = s.deployments.remove(at: p)
                failed.status = "ACTIVE"
                failed.desiredCount = 0
                let ti = t > p ? t - 1 : t
                var target = s.deployments.remove(at: ti)
                target.status = "PRIMARY"
                target.rolloutState = "IN_PROGRESS"
                target.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId \(target.id)."
                target.failedTasks = 0
                target.desiredCount = desired
                target.updatedAt = input.now
                s.deployments.insert(failed, at: 0)
                s.deployments.insert(target, at: 0)
                s.taskDefinition = target.taskDefinition
                p = 0
                events.append(prefix + "rolling back to deployment \(target.id).")
            }
        }
        let primary = s.deployments[p]
        let blocked = primary.rolloutState == "FAILED" || input.throttled
        let holdOld = primary.rolloutState == "FAILED"
        let good = tasks.filter { $0.deploymentId == primary.id && !$0.retiring }
        let retiring = tasks.filter { !($0.deploymentId == primary.id && !$0.retiring) }
        let scaling = "Scaling activity initiated by (deployment \(primary.id))"

        if daemon {
            let eligible = Set(input.daemonInstances)
            var goodOn: [String: [TaskView]] = [:]
            for t in good { goodOn[t.instanceArn ?? "", default: []].append(t) }
            for t in good where !eligible.contains(t.instanceArn ?? "") { stops.append(Stop(taskArn: t.arn, reason: scaling)) }
            for (inst, ts) in goodOn where eligible.contains(inst) && ts.count > 1 {
                for t in ts.dropFirst() { stops.append(Stop(taskArn: t.arn, reason: scaling)) }
            }
            for t in retiring where !holdOld || !eligible.contains(t.instanceArn ?? "") {
                stops.append(Stop(taskArn: t.arn, reason: t.retiring ? drainingReason : scaling))
            }
            if !blocked {
                for inst in input.daemonInstances.sorted() where goodOn[inst] == nil {
                    launches.append(Launch(deploymentId: primary.id, taskDefinition: primary.taskDefinition, count: 1, instanceArn: inst))
                }
            }
        } else {
            let cfg = s.deploymentConfiguration
            let minHealthy = Int((Double(desired * (cfg?.minimumHealthyPercent ?? 100)) / 100).rounded(.up))
            let maxTotal = max(desired, Int((Double(desired * (cfg?.maximumPercent ?? 200)) / 100).rounded(.down)))
            var runningStopped = 0
            if good.count > desired {
                // Stop extras: pending ones first, then the newest.
                let order = good.filter { !$0.running }.reversed() + good.filter(\.running).reversed()
                for t in order.prefix(good.count - desired) {
                    stops.append(Stop(taskArn: t.arn, reason: scaling))
                    if t.running { runningStopped += 1 }
                }
            } else if !blocked {
                let n = min(desired - good.count, maxTotal - tasks.count)
                if n > 0 { launches.append(Launch(deploymentId: primary.id, taskDefinition: primary.taskDefinition, count: n, instanceArn: nil)) }
            }
            if !holdOld {
                let healthy = tasks.filter(\.running).count - runningStopped
                var budget = max(0, healthy - minHealthy)
                for t in retiring.filter({ !$0.running }) + retiring.filter(\.running) {
                    if !t.running { stops.append(Stop(taskArn: t.arn, reason: t.retiring ? drainingReason : scaling)) }
                    else if budget > 0 { stops.append(Stop(taskArn: t.arn, reason: t.retiring ? drainingReason : scaling)); budget -= 1 }
                }
                // Neither room to start nor to stop (maximumPercent 100 with minimumHealthyPercent 100): replace one at a time.
                if launches.isEmpty, stops.isEmpty, !blocked, let t = retiring.first, good.count < desired {
                    stops.append(Stop(taskArn: t.arn, reason: t.retiring ? drainingReason : scaling))
                }
            }
        }

        count(&s, tasks, primaryIndex: p, desired: desired)
        // Drop drained old deployments, but keep the last completed one while a rollout may still roll back to it.
        let inProgress = s.deployments[p].rolloutState == "IN_PROGRESS"
        let keep = inProgress ? s.deployments.indices.first(where: { $0 != p && s.deployments[$0].rolloutState == "COMPLETED" }) : nil
        let primaryID = s.deployments[p].id
        let keepID = keep.map { s.deployments[$0].id }
        s.deployments.removeAll { d in
            d.id != primaryID && d.id != keepID && d.runningCount + d.pendingCount == 0 && !tasks.contains { $0.deploymentId == d.id }
        }
        if let i = s.deployments.firstIndex(where: { $0.id == primaryID }), s.deployments[i].rolloutState == "IN_PROGRESS",
           launches.isEmpty, stops.isEmpty, retiring.isEmpty, good.count == desired, good.allSatisfy(\.running) {
            s.deployments[i].rolloutState = "COMPLETED"
            s.deployments[i].rolloutStateReason = "ECS deployment \(primaryID) completed."
            s.deployments[i].updatedAt = input.now
            events.append(prefix + "(deployment \(primaryID)) deployment completed.")
            s.deployments.removeAll { d in d.id != primaryID && !tasks.contains { $0.deploymentId == d.id } }
        }
        return Decision(service: s, launches: launches, stops: stops, events: events)
    }

    static let drainingReason = "Container instance is DRAINING; task replaced by the service scheduler"

    private static func count(_ s: inout Service, _ tasks: [TaskView], primaryIndex: Int?, desired: Int) {
        for i in s.deployments.indices {
            let id = s.deployments[i].id
            s.deployments[i].runningCount = tasks.filter { $0.deploymentId == id && $0.running }.count
            s.deployments[i].pendingCount = tasks.filter { $0.deploymentId == id && !$0.running }.count
            s.deployments[i].desiredCount = i == primaryIndex ? desired : 0
        }
        s.runningCount = tasks.filter(\.running).count
        s.pendingCount = tasks.filter { !$0.running }.count
    }
}
