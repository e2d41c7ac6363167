import StackConfig

/// Fast JSON text writing for the on-disk formats (the same rules as `Value.canonicalJSON`:
/// sorted keys, integral numbers without `.0`).
enum JSONText {
    static func writeString(_ s: String, into out: inout String) {
        Value.writeString(s, into: &out)
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }
}
