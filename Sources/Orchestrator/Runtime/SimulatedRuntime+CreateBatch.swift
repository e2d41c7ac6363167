import Foundation
import GRDB

extension SimulatedRuntime {
    /// What one write transaction that creates and starts containers reads once instead of
    /// per container: the id counter (written back once at the end) and the fault rules
    /// (a rule's use is written when it happens, and seen by the next container at once).
    struct CreateBatch {
        private let stored: Int?
        private var last: Int
        private var rules: [FaultRule]

        init(_ db: Database) throws {
            stored = try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM counters WHERE name = 'container'"))
            last = stored ?? 0
            rules = try SimulatedRuntime.rules(db)
        }

        /// Creates `spec`'s container and starts it, writing its row once in the state the start
        /// leaves it in, with what `start` would do: the oldest matching fault rule applies
        /// and is counted; a start failure removes the container and is thrown.
        mutating func createAndStart(_ db: Database, _ spec: ContainerSpec, _ json: (spec: String, labels: String), time: Double) throws -> ContainerInfo {
            last += 1
            let id = SimulatedRuntime.containerID(last)
            let ruleIndex = rules.firstIndex { $0.matches(image: spec.image, name: spec.name) }
            let outcome = StartOutcome(ruleIndex.map { rules[$0].mode }, image: spec.image, hasHealthCheck: spec.healthCheck != nil)
            if let failure = outcome.failure {
                // Created (so a taken name is still a conflict and leaves the rule alone), then
                // removed by the failed start.
                try SimulatedRuntime.insertRow(db, id: id, spec, specJSON: json.spec, labelsJSON: json.labels,
                                               state: .created, exitCode: nil, health: .none, error: nil, time: time, startedAt: nil, finishedAt: nil)
                try use(db, ruleIndex)
                try db.cachedStatement(sql: "DELETE FROM containers WHERE id = ?").execute(arguments: [id])
                throw failure
            }
            let finishedAt: Double? = outcome.finished ? time : nil
            try SimulatedRuntime.insertRow(db, id: id, spec, specJSON: json.spec, labelsJSON: json.labels,
                                           state: outcome.state, exitCode: outcome.exitCode, health: outcome.health, error: nil,
                                           time: time, startedAt: time, finishedAt: finishedAt)
            try SimulatedRuntime.insertLabels(db, id: id, labelsJSON: json.labels)
            try use(db, ruleIndex)
            let at = Date(timeIntervalSince1970: time)
            return ContainerInfo(
                id: id, name: spec.name, image: spec.image, labels: spec.labels, portBindings: spec.portBindings,
                state: outcome.state, exitCode: outcome.exitCode, health: outcome.health, error: nil, createdAt: at, startedAt: at,
                finishedAt: finishedAt.map { _ in at })
        }

        /// Counts one use of a limited rule.
        private mutating func use(_ db: Database, _ index: Int?) throws {
            guard let index, let id = rules[index].id, let remaining = rules[index].remaining else { return }
            rules[index].remaining = remaining - 1
            try db.cachedStatement(sql: "UPDATE faultRules SET remaining = ? WHERE id = ?").execute(arguments: [remaining - 1, id])
        }

        /// Writes the counter back when ids were handed out.
        func finish(_ db: Database) throws {
            guard last != (stored ?? 0) else { return }
            try db.cachedStatement(sql: """
                    INSERT INTO counters (name, value) VALUES ('container', ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """).execute(arguments: [last])
        }
    }
}
