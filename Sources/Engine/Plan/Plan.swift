import StackConfig

/// A plan: what apply will do, and the state it was made against (Terraform's plans.Plan).
public struct Plan: Sendable {
    public var stack: String
    /// Lineage and serial of the persisted state the plan was made from (nil: there was none).
    public var stateLineage: String?
    public var stateSerial: Int?
    /// One entry per configured or managed resource, sorted by address (deposed deletions last
    /// for their address); no-ops included.
    public var changes: [ResourceChange]
    /// Changes made outside ecsform, found by the refresh.
    public var drift: [DriftedResource]
    /// The refreshed state; apply starts from it.
    public var priorState: State
    public var isDestroy: Bool
    public var targets: [ResourceAddress]

    public init(stack: String, stateLineage: String?, stateSerial: Int?, changes: [ResourceChange],
                drift: [DriftedResource], priorState: State, isDestroy: Bool, targets: [ResourceAddress]) {
        self.stack = stack
        self.stateLineage = stateLineage
        self.stateSerial = stateSerial
        self.changes = changes
        self.drift = drift
        self.priorState = priorState
        self.isDestroy = isDestroy
        self.targets = targets
    }

    public struct Summary: Sendable, Hashable {
        public var add = 0
        public var change = 0
        public var destroy = 0
        public init(add: Int = 0, change: Int = 0, destroy: Int = 0) {
            self.add = add
            self.change = change
            self.destroy = destroy
        }
    }

    /// As Terraform counts: a replacement is one to add and one to destroy.
    public var summary: Summary {
        var s = Summary()
        for c in changes {
            switch c.action {
            case .create: s.add += 1
            case .update: s.change += 1
            case .replace: s.add += 1; s.destroy += 1
            case .delete: s.destroy += 1
            case .noOp: break
            }
        }
        return s
    }

    // By index: a closure over the elements would copy each change (a dozen references) to
    // look at its action, 10,000 times in a large plan.
    public var hasChanges: Bool { changes.indices.contains { changes[$0].action != .noOp } }

    /// The changes that do something.
    public var actions: [ResourceChange] {
        var out: [ResourceChange] = []
        for i in changes.indices where changes[i].action != .noOp { out.append(changes[i]) }
        return out
    }
}
