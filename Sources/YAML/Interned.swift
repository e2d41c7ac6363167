#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string stored once for the life of the process and referred to by one pointer-sized word
/// with no reference counting: how marks name their file and scalars their tag.
///
/// Every node of a parsed tree carries a mark, so a `String` there cost 16 bytes and an atomic
/// retain/release per node copy; an interned name costs 8 bytes and nothing to copy. The
/// strings are never freed: a run interns one per file it reads (and the few tag spellings),
/// which is bounded by what the process reads.
public struct Interned: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let box: Unmanaged<Box>

    final class Box: Sendable {
        let string: String
        init(_ string: String) { self.string = string }
    }

    /// The one interned copy of `string`.
    public init(_ string: String) {
        box = Table.shared.intern(string)
    }

    /// The string.
    public var string: String { box.takeUnretainedValue().string }

    public var description: String { string }

    /// Interned: equal strings share one box, so identity is equality.
    public static func == (a: Interned, b: Interned) -> Bool { a.box.toOpaque() == b.box.toOpaque() }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.toOpaque()) }

    public static func < (a: Interned, b: Interned) -> Bool { a != b && a.string < b.string }

    /// The process-wide table; its boxes live until exit.
    private final class Table: @unchecked Sendable {
        static let shared = Table()
        private let mutex: UnsafeMutablePointer<pthread_mutex_t>
        /// Guarded by `mutex`. Holds every box, so they are never freed.
        private var boxes: [String: Box] = [:]

        init() {
            mutex = .allocate(capacity: 1)
            pthread_mutex_init(mutex, nil)
        }

        func intern(_ string: String) -> Unmanaged<Box> {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            if let box = boxes[string] { return .passUnretained(box) }
            let box = Box(string)
            boxes[string] = box
            return .passUnretained(box)
        }
    }
}
