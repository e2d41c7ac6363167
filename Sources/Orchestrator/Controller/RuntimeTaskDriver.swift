import Foundation

/// The controller's `TaskDriver` over a `ContainerRuntime` (the simulated runtime now, the
/// Docker Engine API later): one container per container definition, named
/// `ecs-<task id>-<container>` and labelled with the task ARN so that a restarted
/// orchestrator adopts containers it had already started instead of starting duplicates.
struct RuntimeTaskDriver: TaskDriver {
    let runtime: any ContainerRuntime

    func launch(_ spec: TaskLaunchSpec) async -> TaskLaunchResult {
        let taskID = ARN.lastComponent(spec.taskArn)
        let existing = (try? await runtime.list(labels: ["com.amazonaws.ecs.task-arn": spec.taskArn])) ?? []
        var ids: [String: String] = [:]
        // State right after the start of the containers this launch created (one runtime
        // operation each); adopted ones are inspected once every container is up.
        var startedInfo: [String: ContainerInfo] = [:]
        for c in spec.containers {
            let name = "ecs-\(taskID)-\(c.name)"
            do {
                if let adopted = existing.first(where: { $0.name == name }) {
                    ids[c.name] = adopted.id
                    if adopted.state != .running { try await runtime.start(adopted.id) }
                    continue
                }
                let info = try await runtime.createAndStart(Self.containerSpec(c, taskID: taskID))
                ids[c.name] = info.id
                startedInfo[c.name] = info
            } catch {
                for id in ids.values { try? await runtime.remove(id, force: true) }
                return .failedToStart(container: c.name, reason: Self.reason(error))
            }
        }
        // Adopted containers were not started here: look at them now.
        for c in spec.containers where c.essential && startedInfo[c.name] == nil {
            if let id = ids[c.name], let info = try? await runtime.inspect(id) { startedInfo[c.name] = info }
        }
        return Self.launched(spec, ids: ids, infos: startedInfo)
    }

    /// `.exited` when an essential container is already down, `.unhealthy` when one is
    /// already unhealthy (as `observeAll` would report it), else `.running`.
    private static func launched(_ spec: TaskLaunchSpec, ids: [String: String], infos: [String: ContainerInfo]) -> TaskLaunchResult {
        for c in spec.containers where c.essential {
            guard let info = infos[c.name] else { continue }
            if info.state == .exited { return .exited(container: c.name, exitCode: info.exitCode ?? 1, runtimeIds: ids) }
            if info.health == .unhealthy { return .unhealthy(container: c.name, runtimeIds: ids) }
        }
        return .running(ids)
    }

    /// Starts every task's containers through one `createAndStart(groups:)`. A task some of
    /// whose containers already exist (left by an earlier, interrupted launch: the runtime
    /// refuses the name) goes through `launch` again, which adopts them.
    func launchAll(_ specs: [TaskLaunchSpec]) async -> [TaskLaunchResult] {
        let started = await runtime.createAndStart(groups: specs.map { spec in
            let taskID = ARN.lastComponent(spec.taskArn)
            return spec.containers.map { Self.containerSpec($0, taskID: taskID) }
        })
        var results: [TaskLaunchResult] = []
        for (spec, outcome) in zip(specs, started) {
            var ids: [String: String] = [:]
            var infos: [String: ContainerInfo] = [:]
            var failure: (String, any Error)?
            for (c, result) in zip(spec.containers, outcome) {
                switch result {
                case .success(let info): ids[c.name] = info.id; infos[c.name] = info
                case .failure(let error): failure = (c.name, error)
                }
            }
            if let (name, error) = failure {
                if case .nameConflict? = error as? ContainerRuntimeError {
                    results.append(await launch(spec))
                } else {
                    results.append(.failedToStart(container: name, reason: Self.reason(error)))
                }
                continue
            }
            results.append(Self.launched(spec, ids: ids, infos: infos))
        }
        return results
    }

    static func containerSpec(_ c: ContainerLaunchSpec, taskID: String) -> ContainerSpec {
        ContainerSpec(
            name: "ecs-\(taskID)-\(c.name)", image: c.image, command: c.command.isEmpty ? nil : c.command,
            entryPoint: c.entryPoint.isEmpty ? nil : c.entryPoint, environment: c.environment,
            portBindings: c.portBindings.sorted { $0.key < $1.key }.map { ContainerSpec.PortBinding(containerPort: $0.key, hostPort: $0.value) },
            cpuShares: c.cpu > 0 ? c.cpu : nil, memoryLimitMiB: c.memory > 0 ? c.memory : nil, labels: c.labels,
            healthCheck: c.healthCheck.map {
                ContainerSpec.HealthCheck(command: $0.command, interval: $0.interval ?? 30, timeout: $0.timeout ?? 5,
                                          retries: $0.retries ?? 3, startPeriod: $0.startPeriod ?? 0)
            })
    }

    func observe(_ task: TaskHandle) async -> TaskObservation {
        await observeAll([task], clusterArn: "")[task.taskArn] ?? .running
    }

    /// One `inspect(ids:)` for every essential container of the tasks. A container the
    /// runtime does not have (or cannot be asked about) counts as killed (exit code 137).
    func observeAll(_ tasks: [TaskHandle], clusterArn: String) async -> [String: TaskObservation] {
        let byID = await runtime.inspect(ids: tasks.flatMap { $0.containers.filter(\.essential).compactMap(\.runtimeId) }) ?? [:]
        var out: [String: TaskObservation] = [:]
        for t in tasks {
            var o = TaskObservation.running
            for c in t.containers where c.essential {
                guard let id = c.runtimeId else { continue }
                guard let info = byID[id] else { o = .exited(container: c.name, exitCode: 137); break }
                if info.state == .exited { o = .exited(container: c.name, exitCode: info.exitCode ?? 1); break }
                if info.health == .unhealthy { o = .unhealthy(container: c.name); break }
            }
            out[t.taskArn] = o
        }
        return out
    }

    func stop(_ task: TaskHandle) async {
        for c in task.containers {
            guard let id = c.runtimeId else { continue }
            try? await runtime.stop(id, timeout: .seconds(30))
            try? await runtime.remove(id, force: true)
        }
    }

    static func reason(_ error: any Error) -> String {
        if let e = error as? ContainerRuntimeError {
            switch e {
            case .imagePullFailed, .startFailed: return e.description
            default: return "CannotStartContainerError: \(e.description)"
            }
        }
        return "CannotStartContainerError: \(error)"
    }
}
