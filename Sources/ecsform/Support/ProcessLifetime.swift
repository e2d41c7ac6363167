import Foundation

/// Values a command has finished with that are left for the process's exit to reclaim.
/// Freeing the trees of a 10,000-resource state, configuration and plan node by node takes a
/// tenth of a second or more, just before `exit` would hand all of it back to the kernel at
/// once (compilers skip their final frees for the same reason). Only for what a command holds
/// until its end: the memory stays in use either way.
enum ProcessLifetime {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var values: [Any] = []
    }
    private static let box = Box()

    static func keep(_ values: Any...) {
        box.lock.withLock { box.values.append(contentsOf: values) }
    }
}
