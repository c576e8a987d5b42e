import ArchiveCore
import Testing

/// Date literals: the exact forms exports write (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, read
/// without splitting text) mean what the other spellings of the same moment mean.
@Suite("Date literals")
struct DateLiteralTests {
    @Test(arguments: [
        ("2020-05-28", "2020.5.28"), ("2020-05-28T15:04:05", "2020-05-28 15:04:05"), ("2000-02-29T00:00:00", "2000-2-29t00:00"),
        ("1800-01-01", "1800/01/01"), ("2200-12-31T23:59:59", "2200-12-31 23:59:59.5"),
    ])
    func exportFormsMeanWhatOtherSpellingsMean(export: String, other: String) throws {
        let literal = try #require(DateLiteral(parsing: export))
        #expect(literal == DateLiteral(parsing: other))
        #expect(literal.offset == nil)
    }

    @Test func exportFormsAreExact() throws {
        let day = try #require(DateLiteral(parsing: "1970-01-02"))
        #expect(day.day == 1 && day.secondOfDay == nil)
        let moment = try #require(DateLiteral(parsing: "1970-01-01T01:02:03"))
        #expect(moment.day == 0 && moment.secondOfDay == 3_723)
    }

    @Test(arguments: ["2020-02-30", "2021-02-29", "2020-13-01", "2020-00-10", "2020-05-28T24:00:00", "2020-05-28T15:60:00", "2020-05-28T15:00:60", "2020-05-2a", "20-05-28T15:00:00", "2020-05-28X15:00:00"])
    func impossibleDatesAreRefused(text: String) {
        #expect(DateLiteral(parsing: text) == nil, "\(text)")
    }
}
