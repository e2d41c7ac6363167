import Foundation
import StackConfig

/// `validate --json`: the shape of Terraform's `validate -json`.
enum ValidateJSONView {
    static func render(valid: Bool, diagnostics: Diagnostics) -> String {
        let sorted = diagnostics.sorted
        let items: [[String: Any]] = sorted.map { d in
            var item: [String: Any] = ["severity": d.severity.rawValue, "summary": d.message, "detail": ""]
            if let s = d.subject {
                let start: [String: Any] = ["line": s.line, "column": s.column, "byte": s.offset]
                item["range"] = ["filename": s.file, "start": start, "end": start]
            }
            return item
        }
        let doc: [String: Any] = [
            "format_version": "1.0",
            "valid": valid,
            "error_count": sorted.filter { $0.severity == .error }.count,
            "warning_count": sorted.filter { $0.severity == .warning }.count,
            "diagnostics": items,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .prettyPrinted]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
