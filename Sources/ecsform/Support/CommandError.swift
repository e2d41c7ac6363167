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

    /// The loader's diagnostics, with source excerpts, to standard error.
    static func render(_ diagnostics: Diagnostics, color: Bool) {
        let renderer = DiagnosticRenderer(color: color && isatty(STDERR_FILENO) != 0) { path in
            FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
        FileHandle.standardError.write(Data(renderer.render(diagnostics).utf8))
    }

    /// Runs a command body: engine and provider errors become `error:` lines and exit status 1.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let e as ExitCode {
            throw e
        } catch let e as StackLoadError {
            render(e.diagnostics, color: false)
            throw ExitCode.failure
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
        var text = s
        text.append("\n")
        write(text)
    }
    func write(_ s: String) {
        var text = s
        // Straight from the string's bytes (an apply prints a line per event; a `Data` copy
        // and FileHandle's bookkeeping for each cost more than the write itself).
        text.withUTF8 { bytes in lock.withLock { Self.writeAll(bytes) } }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Foundation.write(STDOUT_FILENO, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return  // standard output is gone (closed pipe): nothing more can be shown
            }
            p += n
            left -= n
        }
    }
}
