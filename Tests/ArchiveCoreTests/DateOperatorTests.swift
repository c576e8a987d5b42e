import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("Operator semantics: dates and datetimes")
struct DateOperatorTests {
    // whenRequested / date, Oslo days: 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20,
    // 5 2019-10-01, 6 2019-10-07, 7 2019-10-14, 8 2019-10-15, 9 2019-10-16, 10 2019-10-27,
    // 11 2019-11-05, 12 2020-01-15. Today is Tue 2019-10-15.
    static let dayCases: [OperatorCase] = [
        OperatorCase("whenRequested", "date", [q("2019-10-14")], [7]),
        OperatorCase("whenRequested", "on", [q("2019-10-01")], [5]),
        OperatorCase("whenRequested", "date", [q("2019-10-13")], []),
        OperatorCase("whenRequested", "date", [q("2019-01-01")], [2]),
        OperatorCase("whenRequested", "date", [q("2018-12-31")], []),
        OperatorCase("whenRequested", "date", [q("2019-10-27")], [10]),
        OperatorCase("whenRequested", "before", [q("2019-10-07")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "after", [q("2019-10-15")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "dateBetween", [q("2019-10-01"), q("2019-10-14")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-01"), q("2019-10-14")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-14"), q("2019-10-01")], [5, 6, 7]),
        OperatorCase("whenRequested", "from", [q("2019-10-16")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "afterOrEqual", [q("2019-10-16")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "to", [q("2019-10-01")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "beforeOrEqual", [q("2019-10-01")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15")], [8]),
        OperatorCase("whenRequested", "=", [q("2019-10-16")], [9]),
        OperatorCase("whenRequested", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "gt", [q("2019-10-15")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "lt", [q("2019-10-07")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "ge", [q("2019-10-15")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "le", [q("2019-10-14")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "isNull", [], []),
        OperatorCase("whenRequested", "isNotNull", [], all),

        // Exact seconds with a datetime literal (read in Oslo time) on a datetime column.
        OperatorCase("whenRequested", "afterTime", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "afterTime", [q("2019-10-14T00:30:00")], [7, 8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "beforeTime", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-15T11:00:00")], [8]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-14T00:30:00")], [7]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-27T23:30:00")], [10]),
        OperatorCase("whenRequested", "dateTime", [q("2019-01-01 00:30:00")], [2]),
        OperatorCase("whenRequested", "gt", [q("2019-10-15T11:00:00")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "ge", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "lt", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "le", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7, 8]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15T11:00:00")], [8]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15T11:00:01")], []),
        OperatorCase("whenRequested", "ne", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "between", [q("2019-10-01T00:30:00"), q("2019-10-14T00:30:00")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-01T00:30:01"), q("2019-10-14T00:29:59")], [6]),
        OperatorCase("whenRequested", "between", [q("2019-10-14T00:29:59"), q("2019-10-01T00:30:01")], [6]),
        OperatorCase("whenRequested", "beforeTime", [q("2019-10-14")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenRequested", "afterTime", [q("2019-10-14")], [7, 8, 9, 10, 11, 12]),
        // On a date column, the datetime operators compare its stored moment (the reference's
        // own examples write them so): `date` is whenRequested's, in the request's zone.
        OperatorCase("date", "afterTime", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("date", "beforeTime", [q("2019-10-14T00:30:00")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("registeredDate", "dateTime", [q("2019-10-15T11:00:00")], []),
        // The day operators compare whole days, even when the literal has a time of day.
        OperatorCase("whenRequested", "date", [q("2019-10-14T12:00:00")], [7]),
        OperatorCase("whenRequested", "before", [q("2019-10-14T23:00:00")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenRequested", "after", [q("2019-10-15T08:00:00")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "from", [q("2019-10-15T23:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "to", [q("2019-10-14T00:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "dateBetween", [q("2019-10-01T12:00:00"), q("2019-10-14T00:00:00")], [5, 6, 7]),

        // whenStarted (Oslo days): 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20, 5 2019-10-01,
        // 6 2019-10-07, 8 2019-10-15 (11:05), 10 2019-10-27, 11 2019-11-05; 7, 9, 12 never started.
        OperatorCase("whenStarted", "isNull", [], [7, 9, 12]),
        OperatorCase("whenStarted", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 10, 11]),
        OperatorCase("whenStarted", "eq", [q("2019-10-15")], [8]),
        OperatorCase("whenStarted", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenStarted", "beforeToday", [], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenStarted", "thisYear", [], [2, 3, 4, 5, 6, 8, 10, 11]),
        OperatorCase("whenStarted", "afterTime", [q("2019-10-15T11:05:00")], [8, 10, 11]),
        // whenEnded (Oslo days): 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20, 5 2019-10-01,
        // 6 2019-10-07, 10 2019-10-27, 11 2019-11-05; 7, 8, 9, 12 not ended.
        OperatorCase("whenEnded", "isNull", [], [7, 8, 9, 12]),
        OperatorCase("whenEnded", "thisMonth", [], [5, 6, 10]),
        OperatorCase("whenEnded", "before", [q("2019-07-01")], [1, 2]),

        // date (a date column on when_requested, Oslo days)
        OperatorCase("date", "date", [q("2019-10-14")], [7]),
        OperatorCase("date", "today", [], [8]),
        OperatorCase("date", "thisWeek", [], [7, 8, 9]),
        OperatorCase("date", "lastWeek", [], [6]),
        OperatorCase("date", "before", [q("2019-01-01")], [1]),
        OperatorCase("date", "after", [q("2019-11-05")], [12]),
        OperatorCase("date", "dateBetween", [q("2019-07-01"), q("2019-09-20")], [3, 4]),
        OperatorCase("date", "between", [q("2019-10-14"), q("2019-10-16")], [7, 8, 9]),
        OperatorCase("date", "from", [q("2020-01-15")], [12]),
        OperatorCase("date", "to", [q("2017-03-01")], [1]),
        OperatorCase("date", "eq", [q("2019-10-16")], [9]),
        OperatorCase("date", "ne", [q("2019-10-14")], [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]),
        OperatorCase("date", "gt", [q("2019-10-15T01:00:00")], [9, 10, 11, 12]),
        OperatorCase("date", "lt", [q("2019-10-07T23:00:00")], [1, 2, 3, 4, 5]),
        OperatorCase("date", "ge", [q("2019-10-27")], [10, 11, 12]),
        OperatorCase("date", "le", [q("2019-01-01")], [1, 2]),
        OperatorCase("date", "eq", [q("2019-10-14T23:59:00")], [7]),
        OperatorCase("date", "previous", [w("1"), w("year")], []),
        OperatorCase("date", "thisAndNext", [w("2"), w("weeks")], [7, 8, 9, 10]),
        OperatorCase("date", "isNotNull", [], all),

        // registeredDate (when_requested, kept in UTC). UTC days: 1 2017-03-01, 2 2018-12-31,
        // 3 2019-06-30, 4 2019-09-20, 5 2019-09-30, 6 2019-10-07, 7 2019-10-13, 8 and 9 2019-10-15,
        // 10 2019-10-27, 11 2019-11-05, 12 2020-01-15.
        OperatorCase("registeredDate", "date", [q("2019-10-13")], [7]),
        OperatorCase("registeredDate", "date", [q("2019-10-14")], []),
        OperatorCase("registeredDate", "date", [q("2019-10-15")], [8, 9]),
        OperatorCase("registeredDate", "date", [q("2019-06-30")], [3]),
        OperatorCase("registeredDate", "today", [], [8, 9]),
        OperatorCase("registeredDate", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("registeredDate", "afterToday", [], [10, 11, 12]),
        OperatorCase("registeredDate", "thisWeek", [], [8, 9]),
        OperatorCase("registeredDate", "lastWeek", [], [6, 7]),
        OperatorCase("registeredDate", "thisMonth", [], [6, 7, 8, 9, 10]),
        OperatorCase("registeredDate", "lastMonth", [], [4, 5]),
        OperatorCase("registeredDate", "lastQuarter", [], [4, 5]),
        OperatorCase("registeredDate", "thisHalf", [], [4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("registeredDate", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("registeredDate", "previous", [w("1"), w("year")], [2]),
        // updatedDate (UTC): 2 2018-12-31 23:45, 5 2019-09-30 23:00, 8 2019-10-15 09:10
        OperatorCase("updatedDate", "date", [q("2018-12-31")], [2]),
        OperatorCase("updatedDate", "date", [q("2019-09-30")], [5]),
        OperatorCase("updatedDate", "lastMonth", [], [5]),
        OperatorCase("updatedDate", "thisMonth", [], [8]),
        OperatorCase("updatedDate", "thisYear", [], [5, 8]),
        OperatorCase("updatedDate", "isNull", [], [1, 3, 4, 6, 7, 9, 10, 11, 12]),
        OperatorCase("updatedDate", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        // contact/registeredDate (UTC): Nordlys 2019-10-14 23:30 (chats 2,3,9,11,12), Ærlig 2012 (1,4,5)
        OperatorCase("contact/registeredDate", "date", [q("2019-10-14")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/registeredDate", "date", [q("2019-10-15")], []),
        OperatorCase("contact/registeredDate", "before", [q("2019-01-01")], [1, 4, 5]),
        OperatorCase("contact/registeredDate", "isNull", [], [6, 7, 8, 10]),
        OperatorCase("contact/registeredDate", "ne", [q("2019-10-14")], [1, 4, 5, 6, 7, 8, 10]),
    ]

    @Test(arguments: DateOperatorTests.dayCases) func dayOperator(_ c: OperatorCase) { c.run() }

    // Relative periods from Tue 2019-10-15 (Oslo): this week 14.10–20.10, last week 07.10–13.10,
    // next week 21.10–27.10, Q4 = Oct–Dec, H2 = Jul–Dec.
    static let relativeCases: [OperatorCase] = [
        OperatorCase("whenRequested", "today", [], [8]),
        OperatorCase("whenRequested", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "afterToday", [], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "thisWeek", [], [7, 8, 9]),
        OperatorCase("whenRequested", "lastWeek", [], [6]),
        OperatorCase("whenRequested", "nextWeek", [], [10]),
        OperatorCase("whenRequested", "thisMonth", [], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "lastMonth", [], [4]),
        OperatorCase("whenRequested", "nextMonth", [], [11]),
        OperatorCase("whenRequested", "thisQuarter", [], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "lastQuarter", [], [3, 4]),
        OperatorCase("whenRequested", "nextQuarter", [], [12]),
        OperatorCase("whenRequested", "thisHalf", [], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisYear", [], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("day")], [8]),
        OperatorCase("whenRequested", "this", [w("week")], [7, 8, 9]),
        OperatorCase("whenRequested", "this", [w("weeks")], [7, 8, 9]),
        OperatorCase("whenRequested", "thisPeriod", [w("month")], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "this", [w("quarter")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("halfyear")], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisPeriod", [w("year")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "next", [w("1"), w("month")], [11]),
        OperatorCase("whenRequested", "next", [w("2"), w("weeks")], [10]),
        OperatorCase("whenRequested", "nextPeriod", [w("1"), w("quarter")], [12]),
        OperatorCase("whenRequested", "next", [w("1"), w("day")], [9]),
        OperatorCase("whenRequested", "next", [w("3"), w("days")], [9]),
        OperatorCase("whenRequested", "next", [w("1"), w("year")], [12]),
        OperatorCase("whenRequested", "next", [w("1"), w("halfyear")], [12]),
        OperatorCase("whenRequested", "previous", [w("2"), w("weeks")], [5, 6]),
        OperatorCase("whenRequested", "previousPeriod", [w("1"), w("month")], [4]),
        OperatorCase("whenRequested", "previous", [w("1"), w("day")], [7]),
        OperatorCase("whenRequested", "previous", [w("1"), w("quarter")], [3, 4]),
        OperatorCase("whenRequested", "previous", [w("1"), w("halfyear")], [2]),
        OperatorCase("whenRequested", "previous", [w("1"), w("year")], []),
        OperatorCase("whenRequested", "previous", [w("3"), w("years")], [1]),
        OperatorCase("whenRequested", "thisAndNext", [w("2"), w("weeks")], [7, 8, 9, 10]),
        OperatorCase("whenRequested", "thisAndNext", [w("1"), w("month")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("week")], [6, 7, 8, 9]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("quarter")], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("2"), w("years")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("week")], [6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("day")], [7, 8, 9]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("month")], [4, 5, 6, 7, 8, 9, 10, 11]),
        // Plural units.
        OperatorCase("whenRequested", "this", [w("days")], [8]),
        OperatorCase("whenRequested", "this", [w("months")], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "this", [w("quarters")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("years")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "previous", [w("2"), w("halfyears")], [2]),
        OperatorCase("whenRequested", "previous", [w("2"), w("months")], [4]),
        OperatorCase("whenRequested", "next", [w("2"), w("quarters")], [12]),
        OperatorCase("whenRequested", "thisAndNext", [w("1"), w("years")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ]

    @Test(arguments: DateOperatorTests.relativeCases) func relativePeriodOperator(_ c: OperatorCase) { c.run() }

    struct ZoneCase: Sendable, CustomTestStringConvertible {
        let zone: String
        let condition: OperatorCase
        var testDescription: String { "\(zone): \(condition.testDescription)" }
    }

    // The same data read in other zones: UTC, and New York (UTC-4 until 2019-11-03, where "now"
    // is 08:00 on 2019-10-15). New York days: 1 2017-03-01, 2 2018-12-31, 3 2019-06-30,
    // 5 2019-09-30, 7 2019-10-13, 8 and 9 2019-10-15, 10 2019-10-27.
    static let zoneCases: [ZoneCase] = [
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "date", [q("2019-10-14")], [])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "today", [], [8, 9])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "afterToday", [], [10, 11, 12])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [2])),
        ZoneCase(zone: "UTC", condition: OperatorCase("date", "date", [q("2019-09-30")], [5])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2019-10-15")], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "today", [], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2018-12-31")], [2])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "dateTime", [q("2019-10-15T18:15:00")], [9])),
        // registeredDate stays UTC whatever the request's zone.
        ZoneCase(zone: "America/New_York", condition: OperatorCase("registeredDate", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("registeredDate", "date", [q("2019-06-30")], [3])),
    ]

    @Test(arguments: DateOperatorTests.zoneCases) func timeZone(_ c: ZoneCase) { c.condition.run(context: OperatorFixture.context(zone: c.zone)) }

    struct NowCase: Sendable, CustomTestStringConvertible {
        let label: String
        let now: Int64
        let zone: String
        let condition: OperatorCase
        var testDescription: String { "now \(label) in \(zone): \(condition.testDescription)" }
    }

    /// Sun 2019-10-20 12:00 UTC (14:00 in Oslo).
    static let sunday: Int64 = 1_571_572_800
    /// Sun 2019-10-20 22:30 UTC: Mon 2019-10-21 00:30 in Oslo.
    static let mondayInOslo: Int64 = 1_571_610_600
    /// Mon 2020-01-20 12:00 UTC.
    static let january: Int64 = 1_579_521_600
    /// Mon 2018-12-31 23:45 UTC: Tue 2019-01-01 00:45 in Oslo.
    static let newYearInOslo: Int64 = 1_546_299_900

    // Relative periods from other moments: a Sunday (weeks start on Monday), a Monday that has
    // begun in Oslo but not in UTC, January (last month/quarter/half in the previous year), and
    // New Year's night.
    static let nowCases: [NowCase] = [
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "today", [], [])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [6])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "nextWeek", [], [10])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "this", [w("week")], [7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "afterToday", [], [10, 11, 12])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [10])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [7, 8, 9])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("day")], [])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "lastWeek", [], [6, 7])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "nextWeek", [], [10])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastMonth", [], [])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisMonth", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastQuarter", [], [5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisQuarter", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisHalf", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisYear", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("halfyear")], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("3"), w("months")], [5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("month")], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisPreviousAndNext", [w("quarter")], [5, 6, 7, 8, 9, 10, 11, 12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "beforeToday", [], all)),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("registeredDate", "lastQuarter", [], [6, 7, 8, 9, 10, 11])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "today", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisYear", [], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("2"), w("years")], [1])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisQuarter", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastMonth", [], [])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "afterToday", [], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "today", [], [2])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "thisYear", [], [2])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "nextMonth", [], [])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "next", [w("1"), w("year")], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
    ]

    @Test(arguments: DateOperatorTests.nowCases) func relativeToAnotherNow(_ c: NowCase) {
        c.condition.run(context: OperatorFixture.context(zone: c.zone, now: c.now))
    }
}
