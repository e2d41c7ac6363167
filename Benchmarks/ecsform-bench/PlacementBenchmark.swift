import Foundation
import Orchestrator

/// One way of placing tasks, measured by the benchmark. The in-memory `Placer` is the first;
/// a "through the store" driver (build the snapshot from SQLite, place, write the tasks back)
/// can be added by conforming to this protocol and listing it in `main.swift`.
protocol PlacementDriver {
    /// Shown in the table's "driver" column.
    var name: String { get }
    /// Sets up fresh candidates for one run (not measured).
    func prepare(_ scenario: PlacementScenario) throws
    /// Places `scenario.tasks` tasks on fresh candidates and returns how many were placed.
    func run(_ scenario: PlacementScenario) throws -> Int
    /// Cleans up after one run (not measured).
    func finish() throws
}

extension PlacementDriver {
    func prepare(_ scenario: PlacementScenario) throws {}
    func finish() throws {}
}

/// What to place where. Sizes: candidates of 4096 CPU units and 16384 MiB, tasks of 16 CPU
/// units and 64 MiB, so each candidate holds 256 tasks and 5,000 candidates hold 1,280,000:
/// every task of the 1,000,000 run fits under both strategies.
struct PlacementScenario: Sendable {
    var strategies: [PlacementStrategy]
    var tasks: Int
    var candidates: Int
    var candidateCPU = 4096
    var candidateMemory = 16384
    var taskCPU = 16
    var taskMemory = 64
    var group = "service:bench"

    var label: String { strategies.map { "\($0.type)(\($0.field ?? ""))" }.joined(separator: " + ") }

    func makeCandidates() -> [PlacementCandidate] {
        (0..<candidates).map { number in
            PlacementCandidate(
                id: "ci-\(String(format: "%05d", number))",
                remainingCPU: candidateCPU, remainingMemory: candidateMemory,
                attributes: ["ecs.availability-zone": "zone-\(number % 3)"])
        }
    }
}

/// Places with `Placer` directly, in memory.
struct InMemoryPlacementDriver: PlacementDriver {
    var name: String { "in-memory" }

    func run(_ scenario: PlacementScenario) throws -> Int {
        var placer = try Placer(candidates: scenario.makeCandidates())
        let policy = try PlacementPolicy(strategies: scenario.strategies)
        let task = PlacementTask(cpu: scenario.taskCPU, memory: scenario.taskMemory, group: scenario.group)
        var placed = 0
        for _ in 0..<scenario.tasks {
            if case .success = placer.place(task, policy: policy) { placed += 1 }
        }
        return placed
    }
}

struct PlacementBenchmark {
    struct Options {
        var runs = 3
        var taskCounts = [100_000, 1_000_000]
        var candidates = 5000
        /// Tasks for the row that exercises the general (unindexed) filter/rank chain.
        var generalTasks = 10_000
        /// Which drivers to run: `memory`, `store`.
        var drivers = ["memory", "store"]
        /// Which rows: `binpack`, `spread`, `zones` (ECS's default service policy), `general` (unindexed).
        var rows = ["binpack", "spread", "zones", "general"]

        init(parsing arguments: [String]) throws {
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
                switch flag {
                case "--runs": runs = try Self.positive(value, flag)
                case "--candidates": candidates = try Self.positive(value, flag)
                case "--general-tasks": generalTasks = try Self.positive(value, flag)
                case "--drivers":
                    drivers = value.split(separator: ",").map(String.init)
                    for d in drivers where d != "memory" && d != "store" {
                        throw BenchmarkError("--drivers takes memory and/or store, got '\(d)'")
                    }
                case "--rows":
                    rows = value.split(separator: ",").map(String.init)
                    for r in rows where !["binpack", "spread", "zones", "general"].contains(r) {
                        throw BenchmarkError("--rows takes binpack, spread, zones and/or general, got '\(r)'")
                    }
                case "--tasks":
                    taskCounts = try value.split(separator: ",").map { try Self.positive(String($0), flag) }
                default: throw BenchmarkError("unknown option \(flag)")
                }
            }
        }

        static func positive(_ text: String, _ flag: String) throws -> Int {
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
                throw BenchmarkError("\(flag) expects a positive whole number, got '\(text)'")
            }
            return number
        }
    }

    var options: Options
    var drivers: [any PlacementDriver]

    func run() throws -> String {
        var lines = [
            "| driver | strategy | candidates | tasks | placed | seconds (median) | placements/s | peak RSS MiB | CPU seconds | placements per CPU second |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for driver in drivers {
            // binpack and spread are the required figures; the third is ECS's default service
            // policy (spread over zones, then instances); the last has no index (a full scan per task).
            let indexed: [(String, [PlacementStrategy])] = [
                ("binpack", [.binpack("memory")]), ("spread", [.spread("instanceId")]),
                ("zones", [.spread("attribute:ecs.availability-zone"), .spread("instanceId")]),
            ].filter { options.rows.contains($0.0) }
            let rows: [([PlacementStrategy], Int)] =
                indexed.flatMap { row in options.taskCounts.map { (row.1, $0) } }
                + (options.rows.contains("general") ? [([.spread("attribute:ecs.availability-zone"), .binpack("memory")], options.generalTasks)] : [])
            for (strategies, tasks) in rows {
                do {
                    let scenario = PlacementScenario(strategies: strategies, tasks: tasks, candidates: options.candidates)
                    var samples: [(seconds: Double, placed: Int, peakKiB: Int, cpu: Double)] = []
                    for _ in 0..<options.runs {
                        try driver.prepare(scenario)
                        defer { try? driver.finish() }
                        ProcessMemory.resetPeak()
                        let clock = ContinuousClock()
                        var placed = 0
                        let cpuBefore = ProcessMemory.cpuSeconds()
                        let elapsed = try clock.measure { placed = try driver.run(scenario) }
                        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                        samples.append((seconds, placed, ProcessMemory.peakKiB() ?? -1, ProcessMemory.cpuSeconds() - cpuBefore))
                    }
                    let median = samples.sorted { $0.seconds < $1.seconds }[samples.count / 2]
                    let rate = Double(median.placed) / median.seconds
                    let peak = samples.map(\.peakKiB).max() ?? -1
                    lines.append(
                        "| \(driver.name) | \(scenario.label) | \(scenario.candidates) | \(tasks) | \(median.placed) | "
                            + String(format: "%.3f", median.seconds) + " | " + String(format: "%.0f", rate) + " | "
                            + (peak < 0 ? "n/a" : String(format: "%.1f", Double(peak) / 1024)) + " | "
                            + String(format: "%.3f", median.cpu) + " | " + String(format: "%.0f", Double(median.placed) / max(median.cpu, 1e-9)) + " |")
                }
            }
        }
        lines.append("")
        lines.append("Runs per row: \(options.runs). Peak RSS is VmHWM, reset before each run where the kernel allows.")
        return lines.joined(separator: "\n")
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Peak resident memory from /proc (Linux); nil elsewhere.
#if canImport(Glibc)
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

enum ProcessMemory {
    static func peakKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// User + system CPU time of this process so far: unlike wall time, not inflated when
    /// other processes share the machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+); ignored if refused.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
