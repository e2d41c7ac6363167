extension IDs {
    /// A random (version 4) UUID in lower case, as ECS writes event ids: Foundation's `UUID`
    /// and `lowercased()` cost several allocations per event, and a converge writes many.
    static func uuid() -> String {
        var g = PooledRandom()
        var a = g.next() as UInt64, b = g.next() as UInt64
        a = (a & ~0xF000) | 0x4000  // version 4 in the third group
        b = (b & ~(0xC << 60)) | (0x8 << 60)  // variant 10xx in the fourth
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var i = 0
        for shift in stride(from: 60, through: 0, by: -4) {
            if i == 8 || i == 13 { i += 1 }
            bytes[i] = digits[Int((a >> UInt64(shift)) & 15)]
            i += 1
        }
        i = 19
        for shift in stride(from: 60, through: 0, by: -4) {
            if i == 23 { i += 1 }
            bytes[i] = digits[Int((b >> UInt64(shift)) & 15)]
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
