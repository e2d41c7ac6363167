import Engine
import Foundation

/// The provider's key file: 32 random bytes as hex, created once with mode 0600.
enum ProviderKey {
    static func loadOrCreate(at path: String) throws -> String {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if key.count == 64 { return key }
            throw ProviderError("the provider key \(path) is damaged (expected 64 hex digits); restore it or remove it (task definitions created with it are then not recognised after a crash)")
        }
        var rng = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
        let tmp = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ProviderError("cannot write the provider key \(path)")
        }
        // link(2) fails if another process created the key first: then use theirs.
        if link(tmp, path) != 0 {
            unlink(tmp)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ProviderError("cannot read the provider key \(path)")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        unlink(tmp)
        return key
    }
}
