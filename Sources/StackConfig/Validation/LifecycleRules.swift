/// `lifecycle.ignore_changes` must name attributes the resource type really has.
enum LifecycleRules {
    static func check(_ type: ResourceType, _ entries: [(path: String, range: SourceRange)], diagnostics: inout Diagnostics) {
        for (path, range) in entries {
            let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.contains(where: \.isEmpty) {
                diagnostics.error("`\(path)` in `ignore_changes` is not an attribute path; write it dotted, like `desired_count` or `tags.owner`", at: range)
                continue
            }
            if let problem = AttributePaths.problem(with: parts, in: type, allowComputed: false) {
                diagnostics.error("`ignore_changes` names `\(path)`, but \(problem)", at: range)
            }
        }
    }
}
