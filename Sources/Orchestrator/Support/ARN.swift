import Foundation

/// ARN construction and parsing for region `local`, account `000000000000`.
public enum ARN {
    public static let region = "local"
    public static let account = "000000000000"
    static let ecsPrefix = "arn:aws:ecs:\(region):\(account):"

    public static func cluster(_ name: String) -> String { ecsPrefix + "cluster/" + name }
    public static func taskDefinition(_ family: String, _ revision: Int) -> String { ecsPrefix + "task-definition/\(family):\(revision)" }
    public static func service(cluster: String, name: String) -> String { ecsPrefix + "service/\(cluster)/\(name)" }
    public static func task(cluster: String, id: String) -> String { ecsPrefix + "task/\(cluster)/\(id)" }
    public static func containerInstance(cluster: String, id: String) -> String { ecsPrefix + "container-instance/\(cluster)/\(id)" }
    public static func container(cluster: String, taskID: String, name: String) -> String { ecsPrefix + "container/\(cluster)/\(taskID)/\(name)" }
    public static func role(_ name: String, path: String = "/") -> String { "arn:aws:iam::\(account):role\(path)\(name)" }
    public static func secret(_ name: String) -> String { "arn:aws:secretsmanager:\(region):\(account):secret:\(name)" }

    /// The last non-empty path component of an ARN (a task or instance ID, a cluster name), or
    /// the input itself when it is not an ARN or has no `/`. Scans the UTF-8 bytes from the end
    /// without splitting (batch reads call it for every object); where the bytes it looks at
    /// are not all ASCII, it works on characters instead, so the answer is the same.
    public static func lastComponent(_ s: String) -> String {
        guard s.hasPrefix("arn:") else { return s }
        let fast: String?? = s.utf8.withContiguousStorageIfAvailable { b -> String? in
            let slash = UInt8(ascii: "/")
            var end = b.count
            while end > 0, b[end - 1] == slash { end -= 1 }
            var start = end
            while start > 0, b[start - 1] != slash {
                if b[start - 1] >= 0x80 { return nil }
                start -= 1
            }
            // The character before a `/` could join it in one grapheme (a prepended mark).
            if start > 1, b[start - 2] >= 0x80 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
        if case .some(.some(let component)) = fast { return component }
        return lastComponentByCharacter(s)
    }

    /// `lastComponent` on characters, for text that is not plain ASCII.
    static func lastComponentByCharacter(_ s: String) -> String {
        guard s.hasPrefix("arn:") else { return s }
        var end = s.endIndex
        while end > s.startIndex, s[s.index(before: end)] == "/" { end = s.index(before: end) }
        guard end > s.startIndex else { return s }
        let start = s[..<end].lastIndex(of: "/").map { s.index(after: $0) } ?? s.startIndex
        return String(s[start..<end])
    }

    /// `arn:...:service/CLUSTER/NAME` or `CLUSTER/NAME` → (CLUSTER, NAME); nil for anything
    /// else. Slices, not strings: a batch read checks every service reference. ASCII text (all
    /// real references) is scanned byte by byte; other text is split on characters.
    public static func serviceParts(_ ref: String) -> (cluster: Substring, name: Substring)? {
        let scanned = ref.utf8.withContiguousStorageIfAvailable { asciiServiceParts($0) }
        switch scanned {
        case .some(.parts(let cluster, let name)?):
            let u = ref.utf8
            func at(_ offset: Int) -> String.Index { u.index(u.startIndex, offsetBy: offset) }
            return (ref[at(cluster.lowerBound)..<at(cluster.upperBound)], ref[at(name.lowerBound)..<at(name.upperBound)])
        case .some(.notAService?):
            return nil
        default:
            return servicePartsByCharacter(ref)
        }
    }

    /// `serviceParts` on characters, for text that is not plain ASCII.
    static func servicePartsByCharacter(_ ref: String) -> (cluster: Substring, name: Substring)? {
        let body = ref.hasPrefix("arn:") ? (ref.split(separator: ":", maxSplits: 5).last ?? "") : ref[...]
        let comps = body.split(separator: "/")
        let tail = comps.first == "service" ? comps.dropFirst() : comps[...]
        guard tail.count == 2, let cluster = tail.first, let name = tail.last else { return nil }
        return (cluster, name)
    }

    private enum ScannedService {
        case parts(Range<Int>, Range<Int>)
        case notAService
    }

    /// `servicePartsByCharacter` on bytes (byte offsets), the same splits (empty pieces left
    /// out, at most five `:` splits); nil when the text is not all ASCII.
    private static func asciiServiceParts(_ b: UnsafeBufferPointer<UInt8>) -> ScannedService? {
        let n = b.count
        for byte in b where byte >= 0x80 { return nil }
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/")
        var body = 0..<n
        if n >= 4, b[0] == UInt8(ascii: "a"), b[1] == UInt8(ascii: "r"), b[2] == UInt8(ascii: "n"), b[3] == colon {
            var pieces = 0
            var start = 0
            var last: Range<Int>?
            var i = 0
            while i < n {
                if b[i] == colon {
                    let nonEmpty = i > start
                    if nonEmpty { pieces += 1; last = start..<i }
                    start = i + 1
                    if nonEmpty, pieces == 5 { break }
                }
                i += 1
            }
            if start < n { last = start..<n }
            body = last ?? 0..<0
        }
        var comps: [Range<Int>] = []
        comps.reserveCapacity(3)
        var count = 0
        var start = body.lowerBound
        for i in body where b[i] == slash {
            if i > start {
                count += 1
                if comps.count < 3 { comps.append(start..<i) }
            }
            start = i + 1
        }
        if start < body.upperBound {
            count += 1
            if comps.count < 3 { comps.append(start..<body.upperBound) }
        }
        let service = Array("service".utf8)
        var first = 0
        if let c = comps.first, c.count == service.count, zip(b[c], service).allSatisfy({ $0 == $1 }) { first = 1 }
        guard count - first == 2 else { return .notAService }
        return .parts(comps[first], comps[first + 1])
    }

    /// The cluster name from a cluster name or ARN.
    public static func clusterName(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "default" }
        if s.hasPrefix("arn:") { return lastComponent(s) }
        return s
    }

    /// A resource type ("cluster", "service", ...) from an ECS ARN.
    static func ecsResourceType(_ arn: String) -> String? {
        guard arn.hasPrefix(ecsPrefix) else { return nil }
        return arn.dropFirst(ecsPrefix.count).split(separator: "/").first.map(String.init)
    }
}

/// Identifier generation: ECS task and instance IDs are 32 lowercase hex characters.
enum IDs {
    static func hex32() -> String {
        var g = PooledRandom()
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 32)
        var a = g.next() as UInt64, b = g.next() as UInt64
        for i in 0..<16 { bytes[i] = digits[Int(a & 15)]; a >>= 4 }
        for i in 16..<32 { bytes[i] = digits[Int(b & 15)]; b >>= 4 }
        return String(decoding: bytes, as: UTF8.self)
    }
    /// `ecs-svc/` and 19 decimal digits, from one random draw (each digit a system random
    /// call would be a getrandom(2) call apiece).
    static func deployment() -> String {
        var g = PooledRandom()
        var n = g.next(upperBound: 10_000_000_000_000_000_000 as UInt64)
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 19)
        for i in stride(from: 18, through: 0, by: -1) {
            digits[i] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        }
        return "ecs-svc/" + String(decoding: digits, as: UTF8.self)
    }
    /// `n` random letters and digits, a draw per ten characters.
    static func alnum(_ n: Int, upper: Bool = true) -> String {
        let chars = Array((upper ? "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").utf8)
        let count = UInt64(chars.count)
        var g = PooledRandom()
        var out = [UInt8]()
        out.reserveCapacity(max(0, n))
        // count^10 < 2^64 for both alphabets (62^10 ≈ 8.4e17): ten uniform characters per draw.
        let perDraw = 10
        var bound: UInt64 = 1
        for _ in 0..<perDraw { bound *= count }
        while out.count < n {
            var v = g.next(upperBound: bound)
            for _ in 0..<min(perDraw, n - out.count) {
                out.append(chars[Int(v % count)])
                v /= count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
