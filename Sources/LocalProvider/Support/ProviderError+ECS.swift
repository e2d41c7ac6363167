import Engine
import Orchestrator

extension ProviderError {
    /// Wraps an orchestrator error with what the provider was doing, so the CLI's
    /// `error: service.web: ...` line says both.
    static func wrap(_ doing: String, _ error: any Error) -> ProviderError {
        if let e = error as? ProviderError { return e }
        if let e = error as? ECSError { return ProviderError("\(doing): \(e.type): \(e.message)") }
        return ProviderError("\(doing): \(error)")
    }
}

/// Runs `body`, turning any error into a ProviderError that says what was being done.
func attempt<T>(_ doing: @autoclosure () -> String, _ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw ProviderError.wrap(doing(), error) }
}

extension ECSError {
    var isNotFound: Bool {
        ["ClusterNotFoundException", "ServiceNotFoundException", "ResourceNotFoundException", "NoSuchEntity"].contains(type)
            || (type == "ClientException" && message.contains("Unable to describe task definition"))
    }
}
