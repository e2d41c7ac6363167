import StackConfig

/// One step of an apply: making or changing a resource's object, or deleting an object.
public enum ApplyStep: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Create, update, or the create half of a replacement.
    case apply(ResourceAddress)
    /// Delete, or the delete half of a replacement (the old object's id when create-before-destroy).
    case destroy(ResourceAddress, id: String)

    public var address: ResourceAddress {
        switch self {
        case .apply(let a), .destroy(let a, _): return a
        }
    }

    public var description: String {
        switch self {
        case .apply(let a): return "\(a)"
        case .destroy(let a, let id): return "\(a) (destroy \(id))"
        }
    }

    public static func < (a: ApplyStep, b: ApplyStep) -> Bool {
        switch (a, b) {
        case (.destroy(let x, let i), .destroy(let y, let j)): return x == y ? i < j : x < y
        case (.destroy, .apply): return true
        case (.apply, .destroy): return false
        case (.apply(let x), .apply(let y)): return x < y
        }
    }
}

/// Builds the step graph of a plan (Terraform's apply graph builder with its destroy-edge
/// transformer):
/// - a step applying X waits for the apply steps of X's configured dependencies;
/// - a destroy-then-create replacement creates only after its old object is deleted;
/// - a delete waits for the deletions of what depended on the object (reverse order), and for
///   the apply steps of dependents that stay, so they have moved off it first;
/// - a create-before-destroy replacement deletes the old object last: after the new object
///   exists and every dependent was updated to it.
enum ApplyGraph {
    static func build(_ plan: Plan) -> (steps: [ApplyStep], dependencies: [ApplyStep: [ApplyStep]], changes: [ApplyStep: ResourceChange]) {
        var changes: [ApplyStep: ResourceChange] = [:]
        var applyStep: [ResourceAddress: ApplyStep] = [:]
        var destroySteps: [ResourceAddress: [(step: ApplyStep, cbd: Bool)]] = [:]
        for c in plan.changes {
            switch c.action {
            case .noOp: continue
            case .create, .update:
                let s = ApplyStep.apply(c.address)
                changes[s] = c
                applyStep[c.address] = s
            case .replace:
                let s = ApplyStep.apply(c.address)
                changes[s] = c
                applyStep[c.address] = s
                let d = ApplyStep.destroy(c.address, id: c.priorID ?? "")
                changes[d] = c
                destroySteps[c.address, default: []].append((d, c.createBeforeDestroy))
            case .delete:
                let d = ApplyStep.destroy(c.address, id: c.priorID ?? "")
                changes[d] = c
                destroySteps[c.address, default: []].append((d, false))
            }
        }
        // Who depended on whom, in state (old objects) and in configuration (new ones).
        var stateDependents: [ResourceAddress: [ResourceAddress]] = [:]
        for r in plan.priorState.resources.values {
            for d in r.dependencies { stateDependents[d, default: []].append(r.address) }
        }
        var configDependents: [ResourceAddress: [ResourceAddress]] = [:]
        for c in plan.changes where c.action != .delete {
            for d in c.dependencies { configDependents[d, default: []].append(c.address) }
        }

        var deps: [ApplyStep: [ApplyStep]] = [:]
        for (address, step) in applyStep {
            guard let c = changes[step] else { continue }
            var waits: [ApplyStep] = c.dependencies.compactMap { applyStep[$0] }
            if c.action == .replace, !c.createBeforeDestroy {
                waits += destroySteps[address]?.map(\.step) ?? []
            }
            deps[step] = waits
        }
        for (address, list) in destroySteps {
            for (step, cbd) in list {
                guard let c = changes[step] else { continue }
                var waits: [ApplyStep] = []
                let dependents = Set((stateDependents[address] ?? []) + (cbd ? configDependents[address] ?? [] : []))
                for dep in dependents where dep != address {
                    // Old dependents are deleted first, unless they are replaced create-before-destroy
                    // (their old object outlives this one; waiting would be a cycle).
                    for (ds, dcbd) in destroySteps[dep] ?? [] where !dcbd || cbd { waits.append(ds) }
                    // Dependents that stay move off this object first: updated in place, or
                    // (for a create-before-destroy replacement) re-created against the new object.
                    // (Not for a destroy-then-create replacement: its dependents are created
                    // after its new object, which comes after this step.)
                    if c.action == .delete || cbd, let a = applyStep[dep] { waits.append(a) }
                }
                if c.action == .replace, cbd, let a = applyStep[address] { waits.append(a) }
                deps[step] = waits
            }
        }
        let steps = Array(changes.keys).sorted()
        return (steps, deps, changes)
    }
}
