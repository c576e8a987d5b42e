/// A 64-bit fingerprint of a group of a line's values, fed value by value on the reading thread.
///
/// Swift's `Hasher` costs tens of nanoseconds a call, and a line of an export feeds it hundreds of
/// values: on a large import that was most of the reading thread's margin. This folds each 64-bit
/// word into the state with a full 128-bit multiply (as wyhash does), a few nanoseconds a word.
/// It is not keyed: a file crafted to collide could make an import keep a changed group as it was
/// written, which its author could as well have written in the file.
struct ImportFingerprint {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3

    /// Feeds one word.
    mutating func combine(_ word: UInt64) {
        state = Self.fold(state ^ word, Self.multiplier)
    }

    /// Feeds `bytes` and their count (so that `"ab", "c"` and `"a", "bc"` differ).
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            combine(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        guard offset < bytes.count else { return }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
        combine(tail)
    }

    /// The fingerprint of what was fed.
    func finalize() -> Int { Int(truncatingIfNeeded: Self.fold(state, Self.finalMultiplier)) }

    private static let multiplier: UInt64 = 0xA076_1D64_78BD_642F
    private static let finalMultiplier: UInt64 = 0xE703_7ED1_A0B4_28DB

    /// The high and low halves of `a × (b ^ …)`'s 128-bit product, xored: every bit of the
    /// input reaches every bit of the output. The constant keeps a zero input from staying zero.
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = (a ^ 0x8EBC_6AF0_9C88_C6E3).multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
