import Crypto
import Foundation

/// Encrypts secret values at rest with AES-GCM under a 256-bit key kept in
/// `<store>/secrets.key` (mode 0600), created on first use.
struct SecretSealer: Sendable {
    /// The raw key; `SymmetricKey` is not `Sendable`, so it is rebuilt on use.
    let keyData: Data
    var key: SymmetricKey { SymmetricKey(data: keyData) }

    init(key: SymmetricKey = SymmetricKey(size: .bits256)) { keyData = key.withUnsafeBytes { Data($0) } }

    init(directory: URL) throws {
        let url = directory.appendingPathComponent("secrets.key")
        let fm = FileManager.default
        if let data = fm.contents(atPath: url.path) {
            guard data.count == 32 else {
                throw ECSError("InternalFailure", "The secrets key file \(url.path) is not 32 bytes; restore it from backup or remove the store.")
            }
            keyData = data
            return
        }
        let fresh = SymmetricKey(size: .bits256)
        let bytes = fresh.withUnsafeBytes { Data($0) }
        let tmp = directory.appendingPathComponent("secrets.key.\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard fm.createFile(atPath: tmp.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw ECSError("InternalFailure", "Cannot write \(tmp.path).")
        }
        // link() fails if another process created the key first; then use theirs.
        if link(tmp.path, url.path) != 0 {
            try? fm.removeItem(at: tmp)
            guard let data = fm.contents(atPath: url.path), data.count == 32 else {
                throw ECSError("InternalFailure", "Cannot create the secrets key at \(url.path).")
            }
            keyData = data
            return
        }
        try? fm.removeItem(at: tmp)
        keyData = bytes
    }

    func seal(_ plaintext: String) throws -> Data {
        guard let combined = try AES.GCM.seal(Data(plaintext.utf8), using: key).combined else {
            throw ECSError("InternalFailure", "Cannot seal a secret.")
        }
        return combined
    }

    func open(_ sealed: Data) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }
}
