#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings, applied once at start.
enum MallocTuning {
    /// glibc grows each thread's heap by exactly what a request needs, with one `mprotect`
    /// call per step: loading a 10,000-resource stack made about 18,000 of them (5% of
    /// `validate`'s time). A 64 MiB pad makes each growth step large, so there are a few
    /// dozen. Untouched pad pages cost no memory (resident size counts touched pages).
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is in <malloc.h>, which the Glibc module does not export: look it up.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mTopPad: Int32 = -2  // M_TOP_PAD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mTopPad, 64 << 20)
        #endif
    }
}
