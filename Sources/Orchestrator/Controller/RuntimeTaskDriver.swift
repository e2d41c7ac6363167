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
        for c in spec.containers {
            let name = "ecs-\(taskID)-\(c.name)"
            do {
                if let adopted = existing.first(where: { $0.name == name }) {
                    ids[c.name] = adopted.id
                    if adopted.state != .running { try await runtime.start(adopted.id) }
                    continue
                }
                let id = try await runtime.create(ContainerSpec(
                    name: name, image: c.image, command: c.command.isEmpty ? nil : c.command,
                    entryPoint: c.entryPoint.isEmpty ? nil : c.entryPoint, environment: c.environment,
                    portBindings: c.portBindings.sorted { $0.key < $1.key }.map { ContainerSpec.PortBinding(containerPort: $0.key, hostPort: $0.value) },
                    cpuShares: c.cpu > 0 ? c.cpu : nil, memoryLimitMiB: c.memory > 0 ? c.memory : nil, labels: c.labels,
                    healthCheck: c.healthCheck.map {
                        ContainerSpec.HealthCheck(command: $0.command, interval: $0.interval ?? 30, timeout: $0.timeout ?? 5,
                                                  retries: $0.retries ?? 3, startPeriod: $0.startPeriod ?? 0)
                    }))
                ids[c.name] = id
                try await runtime.start(id)
            } catch {
                for id in ids.values { try? await runtime.remove(id, force: true) }
                return .failedToStart(container: c.name, reason: Self.reason(error))
            }
        }
        for c in spec.containers where c.essential {
            guard let id = ids[c.name], let info = try? await runtime.inspect(id) else { continue }
            if info.state == .exited { return .exited(container: c.name, exitCode: info.exitCode ?? 1, runtimeIds: ids) }
        }
        return .running(ids)
    }

    func observe(_ task: TaskHandle) async -> TaskObservation {
        for c in task.containers where c.essential {
            guard let id = c.runtimeId else { continue }
            guard let info = try? await runtime.inspect(id) else { return .exited(container: c.name, exitCode: 137) }
            if info.state == .exited { return .exited(container: c.name, exitCode: info.exitCode ?? 1) }
            if info.health == .unhealthy { return .unhealthy(container: c.name) }
        }
        return .running
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
