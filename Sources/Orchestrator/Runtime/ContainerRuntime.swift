/// The seam between the orchestrator and whatever runs containers. Shaped after the
/// Docker Engine API (create, start, stop, remove, inspect, list by label, logs) so Docker
/// or Podman can implement it; `SimulatedRuntime` is the deterministic implementation
/// used by tests and the embedded CLI.
///
/// Methods accept a container id or name. Errors are `ContainerRuntimeError`.
public protocol ContainerRuntime: Sendable {
    /// Creates a stopped container and returns its id.
    func create(_ spec: ContainerSpec) async throws -> String
    /// Starts a created (or exited) container; starting a running one does nothing.
    func start(_ container: String) async throws
    /// Stops a running container, waiting at most `timeout` before killing it.
    func stop(_ container: String, timeout: Duration) async throws
    /// Removes a container; a running one only with `force`.
    func remove(_ container: String, force: Bool) async throws
    func inspect(_ container: String) async throws -> ContainerInfo
    /// Containers in any state that carry every given label (all containers for `[:]`),
    /// so a restarted orchestrator adopts what it started instead of starting duplicates.
    func list(labels: [String: String]) async throws -> [ContainerInfo]
    /// Output lines, oldest first; the last `tail` only when given.
    func logs(_ container: String, tail: Int?) async throws -> [ContainerLogLine]
    /// Creates and starts a container, returning its state right after the start: what a
    /// task launch does per container, which a runtime may do as one operation. A container
    /// that fails to start is removed before the error is thrown.
    func createAndStart(_ spec: ContainerSpec) async throws -> ContainerInfo
    func createAndStart(groups: [[ContainerSpec]]) async -> [[Result<ContainerInfo, any Error>]]
    /// The containers among `ids` that exist, by id (a missing one is left out); nil when
    /// the runtime cannot be asked. One call where a controller looks at many containers.
    func inspect(ids: [String]) async -> [String: ContainerInfo]?
}

extension ContainerRuntime {
    public func inspect(ids: [String]) async -> [String: ContainerInfo]? {
        var out: [String: ContainerInfo] = [:]
        for id in ids {
            do {
                out[id] = try await inspect(id)
            } catch ContainerRuntimeError.noSuchContainer {
                continue
            } catch {
                return nil
            }
        }
        return out
    }

    /// Creates and starts groups of containers (each group one task's, in order): a group
    /// stops at its first failure, and its containers started before it are removed, so a
    /// group either runs whole or leaves nothing. One call for many tasks lets a runtime
    /// batch the work (the simulated runtime does it in one transaction).
    public func createAndStart(groups: [[ContainerSpec]]) async -> [[Result<ContainerInfo, any Error>]] {
        var out: [[Result<ContainerInfo, any Error>]] = []
        for group in groups {
            var results: [Result<ContainerInfo, any Error>] = []
            for spec in group {
                do {
                    results.append(.success(try await createAndStart(spec)))
                } catch {
                    for case .success(let started) in results { try? await remove(started.id, force: true) }
                    results.append(.failure(error))
                    break
                }
            }
            out.append(results)
        }
        return out
    }

    public func createAndStart(_ spec: ContainerSpec) async throws -> ContainerInfo {
        let id = try await create(spec)
        do {
            try await start(id)
        } catch {
            try? await remove(id, force: true)
            throw error
        }
        return try await inspect(id)
    }
}
