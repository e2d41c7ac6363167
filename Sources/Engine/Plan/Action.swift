/// What a plan does to one resource (cli.md: `create`, `update`, `replace`, `delete`, `no-op`).
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case replace
    case delete
    case noOp = "no-op"

    /// The symbol human plans show: `+`, `~`, `-/+` (or `+/-` created first), `-`.
    public func symbol(createBeforeDestroy: Bool = false) -> String {
        switch self {
        case .create: return "+"
        case .update: return "~"
        case .replace: return createBeforeDestroy ? "+/-" : "-/+"
        case .delete: return "-"
        case .noOp: return " "
        }
    }
}
