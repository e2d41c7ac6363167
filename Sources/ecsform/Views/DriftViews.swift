import Engine
import Foundation
import StackConfig

/// `ecsform drift` as cli.md's document.
enum DriftJSON {
    static func render(_ report: DriftReport) -> String {
        JSONText.object([
            ("format_version", "1"),
            ("stack", JSONText.quote(report.stack)),
            ("in_sync", report.inSync ? "true" : "false"),
            ("resources", JSONText.array(report.resources.map { r in
                JSONText.object([
                    ("address", JSONText.quote(r.address.description)),
                    ("status", JSONText.quote(r.status.rawValue)),
                    ("differences", differences(r.differences)),
                    ("last_change", r.lastChange.map(change) ?? "null"),
                ])
            })),
        ])
    }

    static func differences(_ ds: [AttributeDifference]) -> String {
        JSONText.array(ds.map { d in
            JSONText.object([("path", JSONText.quote(d.path)), ("expected", JSONText.value(d.before)),
                             ("actual", JSONText.value(d.after))])
        })
    }

    static func change(_ c: ChangeRecord) -> String {
        JSONText.object([("time", JSONText.quote(timestamp(c.time))), ("principal", JSONText.quote(c.principal)),
                         ("action", JSONText.quote(c.action))])
    }

    static func timestamp(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }
}

/// `ecsform drift` for people: one block per resource that drifted, then a summary line.
struct DriftHuman {
    let style: Style

    func render(_ report: DriftReport) -> String {
        var out = ""
        for r in report.resources where r.status != .inSync {
            let status = r.status == .deleted ? style.red(r.status.rawValue) : style.yellow(r.status.rawValue)
            out += "\(r.address): \(status) (id=\(r.id))\n"
            let width = r.differences.map(\.path.count).max() ?? 0
            for d in r.differences {
                out += "    \(d.path.padding(toLength: width, withPad: " ", startingAt: 0))  expected \(ValueText.human(d.before)), actual \(ValueText.human(d.after))\n"
            }
            if let c = r.lastChange {
                out += "    last change: \(c.action) by \(c.principal) at \(DriftJSON.timestamp(c.time))\n"
            } else {
                out += "    last change: none recorded\n"
            }
            out += "\n"
        }
        let modified = report.resources.filter { $0.status == .modified }.count
        let deleted = report.resources.filter { $0.status == .deleted }.count
        let inSync = report.resources.count - modified - deleted
        if report.inSync {
            out += "No drift: all \(report.resources.count) managed resources are IN_SYNC.\n"
        } else {
            out += "Drift: \(modified) modified, \(deleted) deleted, \(inSync) in sync.\n"
        }
        return out
    }
}
