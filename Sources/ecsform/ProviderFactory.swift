import Engine

/// The one place the CLI gets its provider. The LocalProvider (the provider protocol over the
/// embedded orchestrator at `global.orchestratorLocation`) is written on its own branch and
/// plugs in here; the test provider (`ECSFormTesting.InMemoryProvider`) is never shipped in
/// the executable, so until then commands that need a provider say so and exit 1.
func makeProvider(global: GlobalOptions) async throws -> any Provider {
    throw EngineError("no provider available yet: this build of ecsform has no LocalProvider for the orchestrator at \(global.orchestratorLocation)")
}
