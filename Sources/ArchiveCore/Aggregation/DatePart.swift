/// The parts `DatePart(column):Part` can take (each dialect's renderer computes them from a local
/// datetime).
enum DatePart: String, CaseIterable {
    case year = "Year", quarter = "Quarter", month = "Month", day = "Day", dayOfYear = "DayOfYear"
    case dayOfWeek = "DayOfWeek", dayOfWeekFromMonday = "DayOfWeekFromMonday", hour = "Hour", weekno = "Weekno"
    case yearMonth = "YearMonth", yearWeekno = "YearWeekno", yearQuarter = "YearQuarter"
    case isoDate = "ISODate", isoDateHour = "ISODateHour", yearWeekAsISODate = "YearWeekAsISODate"

    init?(name: String) {
        guard let part = Self.allCases.first(where: { $0.rawValue.caseInsensitiveEquals(name) }) else { return nil }
        self = part
    }

    /// Whether the part is a number (the others are text such as `2020/05`).
    var isNumeric: Bool {
        switch self {
        case .yearMonth, .yearWeekno, .yearQuarter, .isoDate, .isoDateHour, .yearWeekAsISODate: false
        default: true
        }
    }
}
