import ArgumentParser
import Foundation
import Orchestrator

extension Ecs {
    /// Not an `aws ecs` action: arms failures in the simulated runtime so that deployments,
    /// replacements and the circuit breaker can be exercised from the command line.
    struct InjectFault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inject-fault",
            abstract: "Make simulated containers fail to start, exit, or turn unhealthy (ecsform extension).",
            discussion: """
                With --image (and/or --container-name, the runtime name ecs-TASKID-NAME), adds a rule that applies \
                to containers started from then on (--times N limits it to N starts). With --task, applies --mode \
                exit or unhealthy to that running task's containers now and reconciles. --list shows the rules, \
                --remove ID deletes one, --clear deletes all.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("image"), help: "Image the rule matches (exact, or a prefix with --prefix).") var image: String?
        @Option(name: .customLong("container-name"), help: "Runtime container name the rule matches.") var containerName: String?
        @Flag(name: .customLong("prefix"), help: "Match --image and --container-name as prefixes.") var prefix = false
        @Option(name: .customLong("mode"), help: "fail-to-start, exit or unhealthy.") var mode: String?
        @Option(name: .customLong("exit-code"), help: "Exit code for --mode exit (default 1).") var exitCode: Int = 1
        @Option(name: .customLong("reason"), help: "Reason for --mode fail-to-start.") var reason: String = "simulated failure"
        @Option(name: .customLong("times"), help: "Apply the rule to this many starts only.") var times: Int?
        @Option(name: .customLong("cluster")) var cluster: String?
        @Option(name: .customLong("task"), help: "Apply --mode to this running task's containers now.") var task: String?
        @Flag(name: .customLong("list")) var list = false
        @Flag(name: .customLong("clear")) var clear = false
        @Option(name: .customLong("remove")) var remove: Int64?

        func run() async throws {
            let location = global.orchestratorLocation
            let runtime: SimulatedRuntime
            do {
                try FileManager.default.createDirectory(atPath: location, withIntermediateDirectories: true)
                runtime = try SimulatedRuntime(path: URL(fileURLWithPath: location).appendingPathComponent(Orchestrator.simulatedRuntimeFileName))
            } catch {
                ActionCall.fail("error: cannot open the simulated runtime in \(location): \(error)")
            }
            if list {
                return print(json: .object(["faultRules": .array(try await runtime.faultRules().map(Self.describe))]))
            }
            if clear {
                try await runtime.clearFaultRules()
                return print(json: .object(["faultRules": .array([])]))
            }
            if let remove {
                guard try await runtime.removeFaultRule(id: remove) else { ActionCall.fail("error: no fault rule with id \(remove).") }
                return print(json: .object(["faultRules": .array(try await runtime.faultRules().map(Self.describe))]))
            }
            guard let mode else { throw ValidationError("Give --mode fail-to-start|exit|unhealthy (or --list, --clear, --remove).") }
            if let task {
                guard mode == "exit" || mode == "unhealthy" else { throw ValidationError("--task takes --mode exit or unhealthy.") }
                let o = try ActionCall.open(global)
                try await ActionCall.reportingErrors {
                    let described = try await o.describeTasks(.init(cluster: cluster, tasks: [task]))
                    guard let t = described.tasks.first, t.lastStatus == "RUNNING" else {
                        throw ECSError.invalidParameter("The referenced task was not found or is not RUNNING.")
                    }
                    for c in t.containers {
                        guard let id = c.runtimeId else { continue }
                        if mode == "exit" { try await runtime.forceExit(id, code: exitCode) } else { try await runtime.setHealth(id, .unhealthy) }
                    }
                    try await o.reconcileAll()
                    let after = try await o.describeTasks(.init(cluster: cluster, tasks: [t.taskArn]))
                    print(json: try ECSJSON.decode(JSONValue.self, from: try ECSJSON.encode(after)))
                }
                return
            }
            guard image != nil || containerName != nil else { throw ValidationError("Give --image or --container-name (or --task).") }
            let ruleMode: FaultRule.Mode
            switch mode {
            case "fail-to-start": ruleMode = .failToStart(reason: reason)
            case "exit": ruleMode = .exitAfterStart(exitCode: exitCode)
            case "unhealthy": ruleMode = .becomeUnhealthy
            default: throw ValidationError("--mode must be fail-to-start, exit or unhealthy.")
            }
            if let times, times < 1 { throw ValidationError("--times must be at least 1.") }
            let rule = try await runtime.addFaultRule(FaultRule(
                image: image, imageMatch: prefix ? .prefix : .exact, containerName: containerName, nameMatch: prefix ? .prefix : .exact,
                mode: ruleMode, times: times))
            print(json: .object(["faultRule": Self.describe(rule)]))
        }

        static func describe(_ r: FaultRule) -> JSONValue {
            var o: [String: JSONValue] = ["imageMatch": .string(r.imageMatch.rawValue), "nameMatch": .string(r.nameMatch.rawValue)]
            if let id = r.id { o["id"] = .number(Double(id)) }
            if let i = r.image { o["image"] = .string(i) }
            if let n = r.containerName { o["containerName"] = .string(n) }
            if let rem = r.remaining { o["remaining"] = .number(Double(rem)) }
            switch r.mode {
            case .failToStart(let reason): o["mode"] = .string("fail-to-start"); o["reason"] = .string(reason)
            case .exitAfterStart(let code): o["mode"] = .string("exit"); o["exitCode"] = .number(Double(code))
            case .becomeUnhealthy: o["mode"] = .string("unhealthy")
            }
            return .object(o)
        }

        func print(json: JSONValue) {
            if let data = try? ECSJSON.encode(json, pretty: true) { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
        }
    }
}
