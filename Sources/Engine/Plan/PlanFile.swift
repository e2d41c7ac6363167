import Crypto
import Foundation
import StackConfig

/// A saved plan (`plan --out FILE`, `apply FILE`, `show FILE`). It records what the plan was
/// made from — the stack directory, a SHA-256 of every stack file, a keyed hash of every
/// variable value, the state's lineage and serial — and the planned changes. Sensitive values
/// appear only as keyed hashes, and sensitive *variables* are not stored at all: `apply FILE`
/// needs them supplied again (`--var`, `--var-file`), and refuses when any input differs.
public struct PlanFile: Sendable {
    public static let formatVersion = 1

    public struct FileDigest: Sendable, Hashable {
        public var path: String
        public var sha256: String
    }

    public var stack: String
    public var stackDirectory: String
    public var files: [FileDigest]
    /// Non-sensitive variable values, for re-loading the stack at apply.
    public var variables: [String: Value]
    /// Names of sensitive variables, which must be supplied again at apply.
    public var sensitiveVariables: [String]
    public var variablesDigest: String
    public var stateLineage: String?
    public var stateSerial: Int?
    public var destroy: Bool
    public var targets: [ResourceAddress]
    public var changes: [ResourceChange]
    public var drift: [DriftedResource]

    /// Captures `plan` and what it was made from.
    public init(plan: Plan, stack: Stack, hasher: SensitiveHasher) throws {
        self.stack = stack.name
        self.stackDirectory = PlanFile.absolute(stack.directory)
        self.files = try stack.files.map { FileDigest(path: PlanFile.absolute($0), sha256: try PlanFile.sha256(of: $0)) }
        self.variables = stack.variables.filter { !$0.value.isSensitive }
        self.sensitiveVariables = stack.variables.filter { $0.value.isSensitive }.map(\.key).sorted()
        self.variablesDigest = hasher.digest(.map(stack.variables))
        self.stateLineage = plan.stateLineage
        self.stateSerial = plan.stateSerial
        self.destroy = plan.isDestroy
        self.targets = plan.targets
        self.changes = plan.changes
        self.drift = plan.drift
    }

    /// The plan as saved, for `show FILE` (its prior state is not saved).
    public var plan: Plan {
        Plan(stack: stack, stateLineage: stateLineage, stateSerial: stateSerial, changes: changes, drift: drift,
             priorState: State(lineage: stateLineage ?? "", serial: stateSerial ?? 0, stack: stack),
             isDestroy: destroy, targets: targets)
    }

    /// Options to re-make the same plan with.
    public var planOptions: PlanOptions { PlanOptions(refresh: true, destroy: destroy, targets: targets) }

    /// Refuses when the state, the stack files or the variables are not what the plan was made from.
    public func check(stack loaded: Stack, state: State?, hasher: SensitiveHasher) throws {
        if state?.lineage != stateLineage {
            throw EngineError("the saved plan was made for state lineage \(stateLineage ?? "(none)"), but the state now has lineage \(state?.lineage ?? "(none)"); make a new plan")
        }
        if state?.serial != stateSerial {
            throw EngineError("the state has changed since the plan was saved (serial \(stateSerial.map(String.init) ?? "none") -> \(state.map { String($0.serial) } ?? "none")); make a new plan")
        }
        let nowFiles = Set(loaded.files.map(PlanFile.absolute))
        let thenFiles = Set(files.map(\.path))
        if nowFiles != thenFiles {
            let changed = nowFiles.symmetricDifference(thenFiles).sorted().joined(separator: ", ")
            throw EngineError("the stack's files changed since the plan was saved (\(changed)); make a new plan")
        }
        for f in files {
            let now: String
            do { now = try PlanFile.sha256(of: f.path) } catch {
                throw EngineError("\(f.path): cannot read it to check the saved plan: \(error)")
            }
            if now != f.sha256 {
                throw EngineError("\(f.path) changed since the plan was saved; make a new plan")
            }
        }
        if hasher.digest(.map(loaded.variables)) != variablesDigest {
            let hint = sensitiveVariables.isEmpty ? "" : " (sensitive variables are not saved in plan files; supply \(sensitiveVariables.joined(separator: ", ")) again)"
            throw EngineError("the variable values differ from those the plan was made with\(hint); make a new plan")
        }
    }

    /// nil when `plan` does the same as the saved plan; else what differs first.
    public func difference(from plan: Plan, hasher: SensitiveHasher) -> String? {
        let mine = PlanFile.keys(changes, hasher: hasher)
        let theirs = PlanFile.keys(plan.changes, hasher: hasher)
        if mine == theirs { return nil }
        for (a, b) in zip(mine, theirs) where a != b {
            return "\(a.address) now plans \(b.action) (saved: \(a.action))"
        }
        let extra = mine.count > theirs.count ? mine[theirs.count] : theirs[mine.count]
        return "\(extra.address) \(mine.count > theirs.count ? "is no longer planned" : "is newly planned")"
    }

    struct ChangeKey: Hashable {
        var address: ResourceAddress
        var action: Action
        var detail: String
    }

    static func keys(_ changes: [ResourceChange], hasher: SensitiveHasher) -> [ChangeKey] {
        changes.filter { $0.action != .noOp }.map { c in
            var after = ""
            StateV1Writer.write(c.after.map(Value.map) ?? .null, hasher: hasher, into: &after)
            return ChangeKey(address: c.address, action: c.action,
                             detail: "\(c.deposedID ?? "")|\(c.changedAttributes)|\(c.replaceBecause)|\(after)")
        }
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }

    static func sha256(of path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SensitiveHasher.hex(SHA256.hash(data: data))
    }
}
