import Foundation

/// Runs a program the way a user would from a shell, so end-to-end tests see exactly
/// what a person sees: the exit status and everything printed (stderr and stdout merged).
struct ChildProcess: Sendable {
    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    var executable: URL
    var arguments: [String]
    var directory: URL

    /// Children running at once, across all tests: one per core.
    static let limit = ConcurrencyLimit(ProcessInfo.processInfo.activeProcessorCount)

    /// Runs the program to completion off the cooperative thread pool (Process blocks),
    /// waiting for a free place under `limit` first.
    func run() async throws -> Result {
        let program = self
        return try await Self.limit.withPlace {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Swift.Result { try program.runBlocking() })
                }
            }
        }
    }

    /// Runs the program synchronously; for trait conditions, which cannot await.
    func runBlocking() throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read to end of file before waiting, so a chatty child never blocks on a full pipe.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
