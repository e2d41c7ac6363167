#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The system's random bytes, read from /dev/urandom 4 KiB at a time and handed out a word
/// at a time: IDs take a word or two each, and `SystemRandomNumberGenerator` makes a
/// getrandom(2) call per word (about 53,000 calls in an apply of 10,000 resources). The bytes
/// are the same kernel randomness; only the calls are fewer.
struct PooledRandom: RandomNumberGenerator {
    private static let pool = Pool()

    mutating func next() -> UInt64 { Self.pool.next() }

    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var words = [UInt64](repeating: 0, count: 512)
        private var used = 512
        /// Opened on first use, kept for the process; -1 when it cannot be opened.
        private var device: Int32?

        func next() -> UInt64 {
            lock.withLock {
                if used == words.count { refill() }
                used += 1
                return words[used - 1]
            }
        }

        private func refill() {
            let fd = device ?? open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            device = fd
            let filled = fd >= 0 && words.withUnsafeMutableBytes { buffer -> Bool in
                guard let base = buffer.baseAddress else { return false }
                var offset = 0
                while offset < buffer.count {
                    let n = read(fd, base + offset, buffer.count - offset)
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            if !filled {
                // No /dev/urandom (or a failed read): a call per word, as before.
                var system = SystemRandomNumberGenerator()
                for i in words.indices { words[i] = system.next() }
            }
            used = 0
        }
    }
}
