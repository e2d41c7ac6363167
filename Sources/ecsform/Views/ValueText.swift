import Engine
import StackConfig

/// How values read in human output: strings quoted, `(sensitive)`, `(known after apply)`.
enum ValueText {
    static func human(_ v: Value?) -> String {
        guard let v else { return "null" }
        switch v {
        case .sensitive: return "(sensitive)"
        case .unknown, .template: return "(known after apply)"
        case .string(let s): return JSONText.quote(s)
        default: return v.isSensitive ? "(sensitive)" : v.canonicalJSON
        }
    }
}

/// JSON text for the machine outputs. Sensitive values are `"(sensitive)"`, unknown ones
/// `"(known after apply)"` — the plain value of a secret is never written.
enum JSONText {
    static func quote(_ s: String) -> String { Value.string(s).canonicalJSON }
    static func value(_ v: Value?) -> String { v.map { $0.canonicalJSON } ?? "null" }
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func strings(_ items: [String]) -> String { array(items.map(quote)) }
}

/// Terminal colours, only when wanted.
struct Style {
    let color: Bool
    func green(_ s: String) -> String { color ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    func yellow(_ s: String) -> String { color ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
    func red(_ s: String) -> String { color ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    func symbol(_ action: Action) -> String {
        switch action {
        case .create: return green("+")
        case .update: return yellow("~")
        case .replace: return red("-") + "/" + green("+")
        case .delete: return red("-")
        case .noOp: return " "
        }
    }
}
