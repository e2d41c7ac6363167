import ECSFormTesting
import Engine
import Foundation
import Testing

@Suite struct BenchmarkTests {
    /// Always runs at a small size (it checks a fresh apply plans no changes and that exactly
    /// 10 changes are found); at full size (10,000) when ECSFORM_BENCH is set, printing figures.
    @Test func generatedStackAppliesPlansAndDrifts() async throws {
        let full = ProcessInfo.processInfo.environment["ECSFORM_BENCH"] != nil
        let dir = NSTemporaryDirectory() + "ecsform-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let figures = try await EngineBenchmark.run(resources: full ? 10_000 : 400, directory: dir)
        print(figures)
        #expect(figures.resources >= 400)
    }
}
