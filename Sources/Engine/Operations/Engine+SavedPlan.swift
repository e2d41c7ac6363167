import Foundation
import StackConfig

extension Engine {
    /// Saves `plan` to `path` (atomically) with what it was made from.
    public func savePlan(_ plan: Plan, stack: Stack, to path: String) async throws {
        let hasher = try store.sensitiveHasher()
        let file = try PlanFile(plan: plan, stack: stack, hasher: hasher)
        try AtomicFile.write(file.encoded(hasher: hasher), to: path, backup: nil)
    }

    /// Reads a saved plan.
    public static func loadPlan(from path: String) throws -> PlanFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EngineError("\(path): cannot read the plan file: \(error.localizedDescription)")
        }
        return try PlanFile.decode(data, path: path)
    }

    /// For `apply PLANFILE`: refuses when the state (lineage, serial), the stack files or the
    /// variables changed since the plan was saved, then plans again and refuses if the new
    /// plan differs from the saved one. Returns the fresh plan, ready for `apply`.
    /// The caller holds the state lock.
    public func replan(_ saved: PlanFile, stack: Stack, parallelism: Int = 10) async throws -> Plan {
        let hasher = try store.sensitiveHasher()
        try saved.check(stack: stack, state: try await store.load(), hasher: hasher)
        var options = saved.planOptions
        options.parallelism = parallelism
        let plan = try await self.plan(stack: stack, options: options)
        if let diff = saved.difference(from: plan, hasher: hasher) {
            throw EngineError("the objects changed since the plan was saved: \(diff); make a new plan")
        }
        return plan
    }
}
