
/// A calendar period unit of the relative date operators.
enum PeriodUnit: Sendable, Equatable {
    case day, week, month, quarter, halfYear, year

    /// Reads a unit name (`week`, `weeks`, `wk`, `wks`, …) or code. Codes follow the reference's
    /// current operator page: 1 day, 2 week, 3 month, 4 quarter, 5 half-year, 6 year.
    init?(name: String) {
        switch name.lowercased() {
        case "day", "days", "d", "1": self = .day
        case "week", "weeks", "wk", "wks", "2": self = .week
        case "month", "months", "mon", "mos", "3": self = .month
        case "quarter", "quarters", "qtr", "qtrs", "4": self = .quarter
        case "halfyear", "halfyears", "hyr", "hyrs", "half", "5": self = .halfYear
        case "year", "years", "yr", "yrs", "6": self = .year
        default: return nil
        }
    }

    /// The length in months of the month-based units.
    var months: Int? {
        switch self {
        case .day, .week: nil
        case .month: 1
        case .quarter: 3
        case .halfYear: 6
        case .year: 12
        }
    }

    static let names = "day, week, month, quarter, halfyear or year"
}

/// A span of whole local days, `[first, end)`, counted in days since 1970-01-01 of the calendar.
struct DayRange: Sendable, Equatable {
    var first: Int64
    var end: Int64
}

/// The day ranges of the relative date operators, computed from a given local day.
///
/// Weeks start on Monday; quarters and half-years are calendar ones; every range is made of
/// whole days, as in §2.5 of the behaviour digest.
struct PeriodCalendar {
    /// The local date of "today", as days since 1970-01-01.
    let today: Int64

    /// The period of `unit` that contains today, shifted by `offset` periods.
    func period(_ unit: PeriodUnit, offset: Int = 0) -> DayRange {
        switch unit {
        case .day:
            return DayRange(first: today + Int64(offset), end: today + Int64(offset) + 1)
        case .week:
            let monday = today - Int64(StoredDateTime.weekdayFromMonday(days: today)) + Int64(7 * offset)
            return DayRange(first: monday, end: monday + 7)
        default:
            let length = unit.months!
            let (year, month, _) = StoredDateTime.civil(fromDays: today)
            let monthIndex = year * 12 + (month - 1)
            let start = (floorDiv(monthIndex, length) + offset) * length
            return DayRange(first: firstDay(ofMonthIndex: start), end: firstDay(ofMonthIndex: start + length))
        }
    }

    /// The range of an operator with its count (for the `n`-period operators).
    func range(of op: Operator, unit: PeriodUnit, count: Int) -> DayRange {
        let current = period(unit)
        switch op {
        case .thisPeriod: return current
        case .thisAndNext: return DayRange(first: current.first, end: period(unit, offset: count).end)
        case .thisAndPrevious: return DayRange(first: period(unit, offset: -count).first, end: current.end)
        case .previousPeriod: return DayRange(first: period(unit, offset: -count).first, end: current.first)
        case .nextPeriod: return DayRange(first: current.end, end: period(unit, offset: count).end)
        case .thisPreviousAndNext: return DayRange(first: period(unit, offset: -1).first, end: period(unit, offset: 1).end)
        default: preconditionFailure("\(op) is not a relative-period operator")
        }
    }

    /// The fixed ranges of the legacy operators and of `today`.
    func legacyRange(of op: Operator) -> DayRange? {
        switch op {
        case .today: period(.day)
        case .lastWeek: period(.week, offset: -1)
        case .thisWeek: period(.week)
        case .nextWeek: period(.week, offset: 1)
        case .lastMonth: period(.month, offset: -1)
        case .thisMonth: period(.month)
        case .nextMonth: period(.month, offset: 1)
        case .lastQuarter: period(.quarter, offset: -1)
        case .thisQuarter: period(.quarter)
        case .nextQuarter: period(.quarter, offset: 1)
        case .thisHalf: period(.halfYear)
        case .thisYear: period(.year)
        default: nil
        }
    }

    private func firstDay(ofMonthIndex index: Int) -> Int64 {
        StoredDateTime.days(year: floorDiv(index, 12), month: index - floorDiv(index, 12) * 12 + 1, day: 1)
    }

    private func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
}
