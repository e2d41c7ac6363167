// ecsform-bench: performance figures for the orchestrator.
//
//   ecsform-bench placement [--runs N] [--tasks 100000,1000000] [--candidates 5000] [--drivers memory,store]
//
// Prints a Markdown table to stdout. Build with `swift build -c release --product ecsform-bench`.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: ecsform-bench placement [--runs N] [--tasks N[,N...]] [--candidates N] [--general-tasks N] [--rows LIST] [--drivers LIST]
      --runs N          repetitions per scenario; the table shows the median (default 3)
      --tasks LIST      task counts to place (default 100000,1000000)
      --candidates N    container instances (default 5000)
      --general-tasks N tasks for the last row, a policy with no index that scans every
                        candidate per task (default 10000)
      --rows LIST       binpack, spread, zones (spread over zones, then instances) and/or
                        general (the unindexed chain); default all
      --drivers LIST    memory (the Placer alone) and/or store (instances registered in a
                        SQLite store, tasks placed and written by BulkRunTasks); default both
    """

guard let command = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}

switch command {
case "placement":
    do {
        let options = try PlacementBenchmark.Options(parsing: Array(arguments.dropFirst()))
        let benchmark = PlacementBenchmark(options: options, drivers: options.drivers.map { $0 == "store" ? StorePlacementDriver() as any PlacementDriver : InMemoryPlacementDriver() })
        print(try benchmark.run())
    } catch {
        FileHandle.standardError.write(Data("ecsform-bench: \(error)\n\(usage)\n".utf8))
        exit(2)
    }
case "-h", "--help", "help":
    print(usage)
default:
    FileHandle.standardError.write(Data("ecsform-bench: unknown subcommand '\(command)'\n\(usage)\n".utf8))
    exit(2)
}
