import Foundation

/// A list bound as one SQL argument: a JSON array of strings, read in SQL with
/// `IN (SELECT value FROM json_each(?))`, so that the statement's text (and its cached
/// preparation) does not depend on how many items there are.
enum SQLList {
    static func json(_ items: some Sequence<String>) -> String {
        var out = "["
        var first = true
        for item in items {
            out += first ? "\"" : ",\""
            first = false
            for scalar in item.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
