import ArgumentParser
import Engine
import Foundation
import StackConfig

/// Prints `error: ...` lines to standard error (never a stack trace) and how the command exits.
enum Report {
    static func error(_ message: String) {
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        }
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func diagnostics(_ diagnostics: Diagnostics) {
        for d in diagnostics.sorted {
            let place = d.subject.map { "\($0): " } ?? ""
            let text = "\(d.severity.rawValue): \(place)\(d.message)\n"
            FileHandle.standardError.write(Data(text.utf8))
            for n in d.notes { FileHandle.standardError.write(Data("  \(n.range): note: \(n.message)\n".utf8)) }
        }
    }

    /// Runs a command body: engine and provider errors become `error:` lines and exit status 1.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ExitCode {
            throw e
        } catch let e as EngineError {
            error(e.message)
            throw ExitCode.failure
        } catch let e as ProviderError {
            error(e.message)
            throw ExitCode.failure
        } catch let e as CleanExit {
            throw e
        } catch {
            Report.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Output to standard output; lines from concurrent apply steps never interleave.
final class Console: @unchecked Sendable {
    static let shared = Console()
    private let lock = NSLock()
    func line(_ s: String = "") {
        lock.withLock {
            FileHandle.standardOutput.write(Data((s + "\n").utf8))
        }
    }
    func write(_ s: String) {
        lock.withLock { FileHandle.standardOutput.write(Data(s.utf8)) }
    }
}
