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
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM containers WHERE id = ? OR name = ? LIMIT 1"), arguments: [container, container])
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
            let status = try RowStatus(row, id: id)
            return SimulatedContainer(
                id: id, name: row["name"], image: row["image"],
                spec: try decoder.decode(ContainerSpec.self, from: Data(specText.utf8)),
                labels: try decoder.decode([String: String].self, from: Data(labelsText.utf8)),
                state: status.state, exitCode: row["exitCode"], health: status.health, error: row["error"],
                createdAt: status.createdAt, startedAt: status.startedAt, finishedAt: status.finishedAt)
        } catch let error as ContainerRuntimeError {
            throw error
        } catch {
            throw ContainerRuntimeError.engine("container \(id) is stored in an unreadable form: \(error)")
        }
    }
}

extension SimulatedRuntime {
    /// What `inspect` and `list` report, read without decoding the stored specs: labels one
    /// row each from the labels JSON, port bindings from the spec's JSON, inside SQLite.
    private static let infoColumns = """
        c.id, c.name, c.image, json_extract(c.spec, '$.portBindings') AS portBindings, c.state, c.exitCode,
        c.health, c.error, c.createdAt, c.startedAt, c.finishedAt, a.key AS labelKey, a.value AS labelValue
        """

    /// Containers carrying every label in `labels` (all for `[:]`), by id.
    static func infos(_ db: Database, labels: [String: String]) throws -> [ContainerInfo] {
        var joins = ""
        var arguments = StatementArguments()
        for (n, (key, value)) in labels.sorted(by: { $0.key < $1.key }).enumerated() {
            joins += " JOIN containerLabelsByValue l\(n) ON l\(n).key = ? AND l\(n).value = ? AND l\(n).containerId = c.id"
            _ = arguments.append(contentsOf: [key, value])
        }
        return try infos(db, sql: """
            SELECT \(infoColumns) FROM containers c\(joins)
            LEFT JOIN json_each(c.labels) a ORDER BY c.id
            """, arguments: arguments)
    }

    /// The containers whose id is among `ids`, in one query.
    static func infos(_ db: Database, ids: [String]) throws -> [ContainerInfo] {
        return try infos(db, sql: """
            SELECT \(infoColumns) FROM containers c LEFT JOIN json_each(c.labels) a
            WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id
            """, arguments: [SQLList.json(ids)])
    }

    /// One container by id or name.
    static func info(_ db: Database, _ container: String) throws -> ContainerInfo {
        let found = try infos(db, sql: """
            SELECT \(infoColumns) FROM containers c LEFT JOIN json_each(c.labels) a
            WHERE c.id = (SELECT id FROM containers WHERE id = ? OR name = ? LIMIT 1)
            """, arguments: [container, container])
        guard let first = found.first else { throw ContainerRuntimeError.noSuchContainer(container) }
        return first
    }

    /// Groups the rows of `sql` (one per label, ordered by container) into infos. Columns are
    /// read by position, in `infoColumns`' order.
    private static func infos(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ContainerInfo] {
        var out: [ContainerInfo] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try cursor.next() {
            let id: String = row[0]
            let key: String? = row[11]
            if let last = out.last, last.id == id {
                if let key { out[out.count - 1].labels[key] = row[12] }
                continue
            }
            let stateText: String = row[4]
            let healthText: String = row[6]
            guard let state = ContainerInfo.State(rawValue: stateText), let health = ContainerInfo.Health(rawValue: healthText) else {
                throw ContainerRuntimeError.engine("container \(id) has an unknown state \(stateText)/\(healthText)")
            }
            var labels: [String: String] = [:]
            if let key { labels[key] = row[12] }
            let created: Double = row[8]
            let started: Double? = row[9]
            let finished: Double? = row[10]
            out.append(ContainerInfo(
                id: id, name: row[1], image: row[2], labels: labels,
                portBindings: try portBindings(row[3], id: id), state: state, exitCode: row[5],
                health: health, error: row[7], createdAt: Date(timeIntervalSince1970: created),
                startedAt: started.map(Date.init(timeIntervalSince1970:)), finishedAt: finished.map(Date.init(timeIntervalSince1970:))))
        }
        return out
    }

    /// The state, health and times of a container row, as both readers need them.
    struct RowStatus {
        var state: ContainerInfo.State
        var health: ContainerInfo.Health
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?

        init(_ row: Row, id: String) throws {
            let stateText: String = row["state"]
            let healthText: String = row["health"]
            guard let state = ContainerInfo.State(rawValue: stateText),
                  let health = ContainerInfo.Health(rawValue: healthText)
            else {
                throw ContainerRuntimeError.engine("container \(id) has an unknown state \(stateText)/\(healthText)")
            }
            self.state = state
            self.health = health
            let created: Double = row["createdAt"]
            let started: Double? = row["startedAt"]
            let finished: Double? = row["finishedAt"]
            createdAt = Date(timeIntervalSince1970: created)
            startedAt = started.map(Date.init(timeIntervalSince1970:))
            finishedAt = finished.map(Date.init(timeIntervalSince1970:))
        }
    }

    private static func portBindings(_ json: String?, id: String) throws -> [ContainerSpec.PortBinding] {
        guard let json, json != "[]" else { return [] }
        if let parsed = ContainerSpecJSON.portBindings(json) { return parsed }
        do {
            return try JSONDecoder().decode([ContainerSpec.PortBinding].self, from: Data(json.utf8))
        } catch {
            throw ContainerRuntimeError.engine("container \(id) is stored in an unreadable form: \(error)")
        }
    }

    /// The few columns that state changes need, without decoding the spec.
    struct Status: Sendable {
        var id: String
        var name: String
        var image: String
        var state: ContainerInfo.State
        var hasHealthCheck: Bool
    }

    static func status(_ db: Database, _ container: String) throws -> Status {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, name, image, state, json_extract(spec, '$.healthCheck') IS NOT NULL AS hasHealthCheck
            FROM containers WHERE id = ? OR name = ? LIMIT 1
            """), arguments: [container, container])
        else {
            throw ContainerRuntimeError.noSuchContainer(container)
        }
        let id: String = row["id"]
        let stateText: String = row["state"]
        guard let state = ContainerInfo.State(rawValue: stateText) else {
            throw ContainerRuntimeError.engine("container \(id) has an unknown state \(stateText)")
        }
        return Status(id: id, name: row["name"], image: row["image"], state: state, hasHealthCheck: row["hasHealthCheck"])
    }
}
