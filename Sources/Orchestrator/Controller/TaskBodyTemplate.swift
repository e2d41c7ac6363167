import Foundation

/// The JSON body of a new task, encoded once with placeholders and then filled in per task:
/// the bulk path writes a million rows, and encoding each task with JSONEncoder would cost
/// more than placing and inserting it. `render` yields the bytes `JSONEncoder` would produce
/// for `TaskFactory.make(...)` with that ID and instance (a test checks this).
struct TaskBodyTemplate {
    private enum Piece { case literal([UInt8]), taskID, instance }
    private let pieces: [Piece]
    private let size: Int

    static let idMarker = "@@ECSFORM-TASK-ID@@"
    static let instanceMarker = "@@ECSFORM-INSTANCE@@"

    init(_ td: TaskDefinition, cluster: Cluster, group: String, now: Date, launchType: String = "EC2") throws {
        let proto = TaskFactory.make(td, cluster: cluster, instanceArn: Self.instanceMarker, launchType: launchType, startedBy: nil,
                                     group: group, overrides: nil, now: now, id: Self.idMarker)
        let text = String(decoding: try ECSJSON.encoder().encode(proto), as: UTF8.self)
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let r = rest.range(of: "@@ECSFORM-") {
            pieces.append(.literal(Array(rest[..<r.lowerBound].utf8)))
            if rest[r.lowerBound...].hasPrefix(Self.idMarker) {
                pieces.append(.taskID)
                rest = rest[rest.index(r.lowerBound, offsetBy: Self.idMarker.count)...]
            } else if rest[r.lowerBound...].hasPrefix(Self.instanceMarker) {
                pieces.append(.instance)
                rest = rest[rest.index(r.lowerBound, offsetBy: Self.instanceMarker.count)...]
            } else {
                throw ECSError("InternalFailure", "Unexpected marker in a task body template.")
            }
        }
        pieces.append(.literal(Array(rest.utf8)))
        self.pieces = pieces
        size = text.utf8.count + 64
    }

    func render(taskID: String, instanceArn: String) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(size + instanceArn.utf8.count)
        for p in pieces {
            switch p {
            case .literal(let bytes): out.append(contentsOf: bytes)
            case .taskID: out.append(contentsOf: taskID.utf8)
            case .instance: out.append(contentsOf: instanceArn.utf8)
            }
        }
        return Data(out)
    }
}
