import Foundation
import GRDB

/// One row of the `containers` table.
struct SimulatedContainer: Sendable {
    var id: String
    var name: String
    var image: String
    var spec: ContainerSpec
    var labels: [String: String]
    var state: ContainerInfo.State
    var exitCode: Int?
    var health: ContainerInfo.Health
    var error: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?

    var info: ContainerInfo {
        ContainerInfo(
            id: id, name: name, image: image, labels: labels, portBindings: spec.portBindings, state: state,
            exitCode: exitCode, health: health, error: error, createdAt: createdAt, startedAt: startedAt,
            finishedAt: finishedAt)
    }

    /// Deterministic output: what the container "ran" and how it ended.
    var logLines: [ContainerLogLine] {
        var lines = [ContainerLogLine(time: createdAt, stream: .stdout, text: "simulated: created \(name) from \(image)")]
        if let error {
            lines.append(ContainerLogLine(time: createdAt, stream: .stderr, text: "simulated: \(error)"))
        }
        if let startedAt {
            let argv = (spec.entryPoint ?? []) + (spec.command ?? [])
            let what = argv.isEmpty ? "the image's default command" : argv.joined(separator: " ")
            lines.append(ContainerLogLine(time: startedAt, stream: .stdout, text: "simulated: running \(what)"))
        }
        if state == .exited, let exitCode, let finishedAt {
            lines.append(ContainerLogLine(time: finishedAt, stream: .stdout, text: "simulated: exited with code \(exitCode)"))
        }
        return lines
    }
}

extension SimulatedRuntime {
    static func fetch(_ db: Database, _ container: String) throws -> SimulatedContainer {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM containers WHERE id = ? OR name = ? LIMIT 1", arguments: [container, container])
        else {
            throw ContainerRuntimeError.noSuchContainer(container)
        }
        return try record(from: row)
    }

    static func record(from row: Row) throws -> SimulatedContainer {
        let decoder = JSONDecoder()
        let id: String = row["id"]
        do {
            let specText: String = row["spec"]
            let labelsText: String = row["labels"]
            let stateText: String = row["state"]
            let healthText: String = row["health"]
            guard let state = ContainerInfo.State(rawValue: stateText),
                  let health = ContainerInfo.Health(rawValue: healthText)
            else {
                throw ContainerRuntimeError.engine("container \(id) has an unknown state \(stateText)/\(healthText)")
            }
            let created: Double = row["createdAt"]
            let started: Double? = row["startedAt"]
            let finished: Double? = row["finishedAt"]
            return SimulatedContainer(
                id: id, name: row["name"], image: row["image"],
                spec: try decoder.decode(ContainerSpec.self, from: Data(specText.utf8)),
                labels: try decoder.decode([String: String].self, from: Data(labelsText.utf8)),
                state: state, exitCode: row["exitCode"], health: health, error: row["error"],
                createdAt: Date(timeIntervalSince1970: created),
                startedAt: started.map(Date.init(timeIntervalSince1970:)),
                finishedAt: finished.map(Date.init(timeIntervalSince1970:)))
        } catch let error as ContainerRuntimeError {
            throw error
        } catch {
            throw ContainerRuntimeError.engine("container \(id) is stored in an unreadable form: \(error)")
        }
    }
}
