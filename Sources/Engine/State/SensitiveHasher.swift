import Crypto
import Foundation
import StackConfig

/// Turns sensitive values into keyed hashes (HMAC-SHA256), so state can tell that a secret
/// changed without ever holding it. The key lives beside the state file (or comes from
/// `ECSFORM_STATE_KEY`); without it, a hash cannot be checked against guesses.
public struct SensitiveHasher: Sendable {
    /// HMAC keyed once: each digest continues a copy of it, instead of hashing the key's
    /// pads again (a plan compares thousands of secrets).
    private let keyed: Keyed

    /// `HMAC` is a value (its hash states are copied with it) that is only ever copied
    /// from here, never mutated in place, so sharing it between threads is safe.
    private struct Keyed: @unchecked Sendable {
        let mac: HMAC<SHA256>
        init(_ keyBytes: Data) { mac = HMAC<SHA256>(key: SymmetricKey(data: keyBytes)) }
    }

    /// Marks a string as a digest rather than a secret. The control character keeps it from
    /// colliding with any value a user could write.
    static let digestPrefix = "\u{1}hmac-sha256:"

    public init(key: SymmetricKey) {
        self.keyed = Keyed(key.withUnsafeBytes { Data($0) })
    }

    /// Derives a key from text (`ECSFORM_STATE_KEY`): 64 hex digits are used as is, anything
    /// else is hashed to 32 bytes.
    public init(keyText: String) {
        if let bytes = Self.hexBytes(keyText), bytes.count == 32 {
            self.keyed = Keyed(bytes)
        } else {
            self.keyed = Keyed(Data(SHA256.hash(data: Data(keyText.utf8))))
        }
    }

    public static func randomKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    /// The digest of a value (its canonical JSON), as a string tagged as a digest.
    public func digest(_ value: Value) -> String {
        if let s = Self.existingDigest(value) { return s }
        var mac = keyed.mac
        mac.update(data: Data(value.unmarked.canonicalJSON.utf8))
        return Self.digestPrefix + Self.hex(mac.finalize())
    }

    /// Lower-case hex (String(format:) is far too slow for a hot path).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same tree with every sensitive part replaced by `.sensitive(.string(digest))`:
    /// comparable with `==` and safe to write anywhere.
    public func fingerprint(_ value: Value) -> Value {
        switch value {
        case .sensitive(let inner):
            return .sensitive(.string(digest(inner)))
        case .list(let xs):
            return xs.contains(where: { $0.isSensitive }) ? .list(xs.map(fingerprint)) : value
        case .map(let m):
            return m.values.contains(where: { $0.isSensitive }) ? .map(m.mapValues(fingerprint)) : value
        default:
            return value
        }
    }

    public func fingerprint(_ attributes: [String: Value]) -> [String: Value] {
        attributes.mapValues(fingerprint)
    }

    /// True when any part of the value is a keyed hash from state, i.e. a secret whose plain
    /// value ecsform no longer has.
    static func containsDigest(_ value: Value) -> Bool {
        switch value {
        case .string(let s): return s.hasPrefix(digestPrefix)
        case .sensitive(let inner): return containsDigest(inner)
        case .list(let xs): return xs.contains(where: containsDigest)
        case .map(let m): return m.values.contains(where: containsDigest)
        default: return false
        }
    }

    /// The hex digest inside a value already hashed, if it is one.
    static func existingDigest(_ value: Value) -> String? {
        switch value {
        case .string(let s) where s.hasPrefix(digestPrefix): return s
        case .sensitive(let inner): return existingDigest(inner)
        default: return nil
        }
    }

    static func hexBytes(_ text: String) -> Data? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0, !chars.isEmpty else { return nil }
        var out = Data(capacity: chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = hexNibble(chars[i]), let lo = hexNibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hexNibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
}
