import Foundation

// Interim: until the orch-sched SimulatedRuntime lands, this in-process driver simulates
// containers so the controller can be exercised; fault rules match on image.

final class InterimSimulatedDriver: TaskDriver, @unchecked Sendable {
    enum Fault: Sendable { case failToStart, exit(Int), unhealthy }
    private let lock = NSLock()
    private var faults: [String: Fault] = [:]
    private var running: [String: String] = [:]   // runtimeId -> image

    func inject(image: String, _ fault: Fault?) { lock.withLock { faults[image] = fault } }

    func launch(_ spec: TaskLaunchSpec) async -> TaskLaunchResult {
        lock.withLock {
            var ids: [String: String] = [:]
            for c in spec.containers {
                if case .failToStart = faults[c.image] {
                    for id in ids.values { running[id] = nil }
                    return .failedToStart(container: c.name, reason: "CannotStartContainerError: simulated failure to start \(c.image)")
                }
                let id = IDs.hex32()
                ids[c.name] = id
                running[id] = c.image
            }
            for c in spec.containers where c.essential {
                if case .exit(let code) = faults[c.image] { return .exited(container: c.name, exitCode: code, runtimeIds: ids) }
            }
            return .running(ids)
        }
    }

    func observe(_ task: TaskHandle) async -> TaskObservation {
        lock.withLock {
            for c in task.containers where c.essential {
                guard let id = c.runtimeId, let image = running[id] else { return .exited(container: c.name, exitCode: 137) }
                switch faults[image] {
                case .exit(let code): return .exited(container: c.name, exitCode: code)
                case .unhealthy: return .unhealthy(container: c.name)
                default: continue
                }
            }
            return .running
        }
    }

    func stop(_ task: TaskHandle) async {
        lock.withLock { for c in task.containers { if let id = c.runtimeId { running[id] = nil } } }
    }
}
