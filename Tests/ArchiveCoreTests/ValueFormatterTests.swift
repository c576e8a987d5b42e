@testable import ArchiveCore
import Testing

/// Decimals shown to people: two places where a double has them, the value itself beyond.
@Suite("Display of decimals")
struct ValueFormatterTests {
    let english = ValueFormatter(language: .english, culture: Culture(language: .english))

    @Test func smallValuesShowTwoPlacesAndWholeOnesNone() {
        #expect(english.number(12.345) == "12.35" || english.number(12.345) == "12.34")
        #expect(english.number(762.4666) == "762.47")
        #expect(english.number(42) == "42")
        #expect(ValueFormatter(language: .norwegian, culture: Culture(language: .norwegian)).number(0.5) == "0,5")
    }

    /// Multiplying by 100 and back changed values past 2^53 / 100 (1e21 showed as 9.999999999999999e+20).
    @Test func largeValuesShowAsTheyAre() {
        #expect(english.number(1e21) == "1e+21")
        #expect(english.number(1.2345678901234568e17) == "1.2345678901234568e+17")
        #expect(english.number(123_456_789_012_345) == "123456789012345")
    }
}
