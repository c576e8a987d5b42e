/// The parts `DatePart(column):Part` can take, and the SQL that computes each from a local
/// datetime expression.
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

    /// The part of `local`, an SQL expression for a datetime already in the request's zone.
    func sql(_ local: String) -> String {
        // ISO weeks belong to the year of their Thursday.
        let thursday = "date(\(local), '-3 days', 'weekday 4')"
        let week = "((CAST(strftime('%j', \(thursday)) AS INTEGER) - 1) / 7 + 1)"
        let quarter = "((CAST(strftime('%m', \(local)) AS INTEGER) + 2) / 3)"
        switch self {
        case .year: return "CAST(strftime('%Y', \(local)) AS INTEGER)"
        case .quarter: return quarter
        case .month: return "CAST(strftime('%m', \(local)) AS INTEGER)"
        case .day: return "CAST(strftime('%d', \(local)) AS INTEGER)"
        case .dayOfYear: return "CAST(strftime('%j', \(local)) AS INTEGER)"
        case .dayOfWeek: return "CAST(strftime('%w', \(local)) AS INTEGER)"
        case .dayOfWeekFromMonday: return "((CAST(strftime('%w', \(local)) AS INTEGER) + 6) % 7 + 1)"
        case .hour: return "CAST(strftime('%H', \(local)) AS INTEGER)"
        case .weekno: return week
        case .yearMonth: return "strftime('%Y/%m', \(local))"
        case .yearWeekno: return "(strftime('%Y', \(thursday)) || '/' || printf('%02d', \(week)))"
        case .yearQuarter: return "(strftime('%Y', \(local)) || '/' || \(quarter))"
        case .isoDate: return "strftime('%Y-%m-%d', \(local))"
        case .isoDateHour: return "strftime('%Y-%m-%d %H', \(local))"
        case .yearWeekAsISODate: return "date(\(local), '-6 days', 'weekday 1')"
        }
    }
}
