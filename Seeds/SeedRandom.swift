import ArchiveCore
/// The seeded database's random-number generator: xoshiro256** seeded through SplitMix64.
///
/// The algorithm and every helper below use integer arithmetic only (plus `sqrt`, which IEEE 754
/// rounds exactly), so the same seed yields the same numbers on every machine and Swift version;
/// the standard library's `random(in:using:)` does not promise that.
struct SeedRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for one independent stream of a seed, so that adding rows to one table never
    /// changes the rows of another.
    init(seed: UInt64, stream: UInt64) {
        var mix = seed &+ stream &* 0x9E37_79B9_7F4A_7C15
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// A number in `0..<bound` (Lemire's multiply-shift; the bias is below 2^-40 for our bounds).
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// True with the given probability in percent.
    mutating func chance(_ percent: Int) -> Bool { int(below: 100) < percent }

    /// True with the given probability in per mille.
    mutating func chance(perMille: Int) -> Bool { int(below: 1000) < perMille }

    /// A uniformly chosen element.
    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[int(below: elements.count)] }

    /// A number in `[0, 1)` with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// A table of weights to draw indexes from.
struct WeightedChoice {
    private let cumulative: [Int]

    init(_ weights: [Int]) {
        var total = 0
        cumulative = weights.map { total += $0; return total }
        precondition(total > 0, "weights must not all be zero")
    }

    /// An index, drawn with probability proportional to its weight.
    func draw(_ random: inout SeedRandom) -> Int {
        let target = random.int(below: cumulative[cumulative.count - 1])
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
