import Foundation
import Testing
@testable import Orchestrator

/// A driver for tests: records what was launched and fails on command, by image.
final class TestDriver: TaskDriver, @unchecked Sendable {
    enum Fault { case failToStart, exit(Int), unhealthy }
    private let lock = NSLock()
    private var faults: [String: Fault] = [:]
    private var live: [String: String] = [:]
    private(set) var launched: [TaskLaunchSpec] = []
    private(set) var stopped: [String] = []

    /// Runs after the containers of a task started and before the controller hears of it:
    /// what another process may do in between.
    private var meanwhile: (@Sendable (TaskLaunchSpec) async -> Void)?

    func fault(_ image: String, _ f: Fault?) { lock.withLock { faults[image] = f } }
    func whileStarting(_ body: (@Sendable (TaskLaunchSpec) async -> Void)?) { lock.withLock { meanwhile = body } }
    var launchedSpecs: [TaskLaunchSpec] { lock.withLock { launched } }
    var liveCount: Int { lock.withLock { live.count } }

    func launch(_ spec: TaskLaunchSpec) async -> TaskLaunchResult {
        let result = started(spec)
        if let body = lock.withLock({ meanwhile }) { await body(spec) }
        return result
    }

    private func started(_ spec: TaskLaunchSpec) -> TaskLaunchResult {
        lock.withLock {
            launched.append(spec)
            var ids: [String: String] = [:]
            for c in spec.containers {
                if case .failToStart = faults[c.image] {
                    for id in ids.values { live[id] = nil }
                    return .failedToStart(container: c.name, reason: "CannotStartContainerError: \(c.image) failed")
                }
                let id = UUID().uuidString
                ids[c.name] = id
                live[id] = c.image
            }
            for c in spec.containers where c.essential {
                if case .exit(let code) = faults[c.image] {
                    for id in ids.values { live[id] = nil }
                    return .exited(container: c.name, exitCode: code, runtimeIds: ids)
                }
            }
            return .running(ids)
        }
    }

    func observe(_ task: TaskHandle) async -> TaskObservation {
        lock.withLock {
            for c in task.containers where c.essential {
                guard let id = c.runtimeId, let image = live[id] else { return .exited(container: c.name, exitCode: 137) }
                switch faults[image] {
                case .exit(let code)?: live[id] = nil; return .exited(container: c.name, exitCode: code)
                case .unhealthy?: return .unhealthy(container: c.name)
                default: continue
                }
            }
            return .running
        }
    }

    func stop(_ task: TaskHandle) async {
        lock.withLock {
            stopped.append(task.taskArn)
            for c in task.containers { if let id = c.runtimeId { live[id] = nil } }
        }
    }
}

struct Harness {
    let o: Orchestrator
    let driver: TestDriver

    init(principal: String = "tester") throws {
        driver = TestDriver()
        o = Orchestrator(store: try Store(), sealer: SecretSealer(), principal: principal, driver: driver)
    }

    /// A cluster with `instances` container instances of the given size.
    @discardableResult
    func cluster(_ name: String = "default", instances: Int = 0, cpu: Int = 1024, memory: Int = 2048,
                 attributes: [[Attribute]] = []) async throws -> [String] {
        _ = try await o.createCluster(.init(clusterName: name))
        var arns: [String] = []
        for i in 0..<instances {
            let r = try await o.registerContainerInstance(.init(
                cluster: name,
                totalResources: [Resource(name: "CPU", integerValue: cpu), Resource(name: "MEMORY", integerValue: memory)],
                attributes: i < attributes.count ? attributes[i] : nil))
            arns.append(r.containerInstance.containerInstanceArn)
        }
        return arns
    }

    @discardableResult
    func taskDefinition(_ family: String = "web", image: String = "nginx:1", cpu: Int = 256, memory: Int = 512,
                        hostPort: Int? = nil, roleArn: String? = nil, secrets: [SecretReference]? = nil) async throws -> String {
        let c = ContainerDefinition(
            name: "app", image: image, cpu: cpu, memory: memory, memoryReservation: nil, essential: true,
            portMappings: hostPort.map { [PortMapping(containerPort: 80, hostPort: $0, protocol: "tcp", name: nil)] },
            command: nil, entryPoint: nil, environment: [KeyValuePair(name: "MODE", value: "test")], secrets: secrets,
            healthCheck: nil, workingDirectory: nil, dockerLabels: nil, links: nil)
        let r = try await o.registerTaskDefinition(.init(family: family, containerDefinitions: [c], taskRoleArn: roleArn))
        return r.taskDefinition.taskDefinitionArn
    }

    func service(_ name: String, cluster: String = "default") async throws -> Service {
        let r = try await o.describeServices(.init(cluster: cluster, services: [name]))
        guard let s = r.services.first else { throw ECSError.serviceNotFound() }
        return s
    }

    func tasks(cluster: String = "default", service: String? = nil, desired: String = "RUNNING") async throws -> [ECSTask] {
        let arns = try await o.listTasks(.init(cluster: cluster, serviceName: service, desiredStatus: desired)).taskArns
        if arns.isEmpty { return [] }
        var out: [ECSTask] = []
        for chunk in stride(from: 0, to: arns.count, by: 100) {
            out += try await o.describeTasks(.init(cluster: cluster, tasks: Array(arns[chunk..<min(arns.count, chunk + 100)]))).tasks
        }
        return out
    }
}

/// Expects `body` to throw an `ECSError` of the given type; returns it.
@discardableResult
func expectError(_ type: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async -> ECSError? {
    do {
        try await body()
        Issue.record("expected \(type), but the call succeeded", sourceLocation: sourceLocation)
    } catch let e as ECSError {
        #expect(e.type == type, "\(e)", sourceLocation: sourceLocation)
        return e
    } catch {
        Issue.record("expected \(type), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
