@testable import ArchiveServer
import Testing

/// HTTP dates are written in one form and read in the three RFC 9110 (5.6.7) says a recipient
/// must accept.
@Suite("HTTP dates")
struct HTTPDateTests {
    /// 1994-11-06 08:49:37 UTC.
    static let instant: Int64 = 784_111_777

    @Test func theThreeFormsReadAsTheSameInstant() {
        #expect(HTTPDate.format(Self.instant) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Self.instant)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", currentYear: 2026) == Self.instant)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == Self.instant)
    }

    @Test func aTwoDigitYearIsNotMoreThanFiftyYearsAhead() {
        let year2021: Int64 = 1_632_325_910  // 2021-09-22 15:51:50 UTC
        #expect(HTTPDate.parse("Wednesday, 22-Sep-21 15:51:50 GMT", currentYear: 2026) == year2021)
        // In 2026, '80 is 1980 (2080 would be 54 years ahead), and '76 is 2076 (50 years ahead).
        #expect(HTTPDate.parse("Tuesday, 01-Jan-80 00:00:00 GMT", currentYear: 2026) == 315_532_800)
        #expect(HTTPDate.parse("Tuesday, 01-Jan-76 00:00:00 GMT", currentYear: 2026) == 3_345_062_400)
    }

    @Test func anythingElseIsNotADate() {
        for text in ["", "yesterday", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT"] {
            #expect(HTTPDate.parse(text) == nil, "\(text)")
        }
    }
}
