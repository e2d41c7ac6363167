import Engine
import LocalProvider

/// The one place the CLI gets its provider: the LocalProvider over the embedded orchestrator
/// whose store is the directory `global.orchestratorLocation` (created on first use).
/// An `http://` location (a daemon) is a later wave and is refused with a clear message.
func makeProvider(global: GlobalOptions) async throws -> any Provider {
    let location = global.orchestratorLocation
    if location.hasPrefix("http://") || location.hasPrefix("https://") {
        throw EngineError("--orchestrator \(location): talking to an orchestrator daemon over HTTP is not supported yet; give the directory of an embedded orchestrator")
    }
    return try LocalProvider.open(directory: location)
}
