import ArchiveCore
import Foundation

/// HTTP dates (RFC 9110, 5.6.7), written as `Wed, 21 Oct 2015 07:28:00 GMT` and read in each of
/// the three forms a recipient must accept.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// By day number modulo 7: day 0 (1970-01-01) was a Thursday.
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// The IMF-fixdate of an instant (seconds since 1970, UTC).
    static func format(_ seconds: Int64) -> String {
        let (day, second) = StoredDateTime.floorDivide(seconds, 86_400)
        let (year, month, dayOfMonth) = StoredDateTime.civil(fromDays: day)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
        let weekday = weekdays[Int(((day % 7) + 7) % 7)]
        return "\(weekday), \(two(Int64(dayOfMonth))) \(months[month - 1]) \(year) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }

    /// The instant of an HTTP date: an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the
    /// obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is the
    /// latest not more than 50 years after `currentYear`) or asctime's (`Sun Nov  6 08:49:37
    /// 1994`); an ISO datetime too, for convenience. Nil for anything else, which a server ignores.
    static func parse(_ text: String, currentYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) -> Int64? {
        let parts = text.split(separator: " ")
        switch parts.count {
        case 6 where parts[5] == "GMT":
            return instant(year: Int(parts[3]), month: parts[2], day: Int(parts[1]), time: parts[4])
        case 4 where parts[3] == "GMT":
            let date = parts[1].split(separator: "-")
            guard date.count == 3, date[2].count == 2, let twoDigits = Int(date[2]) else { return nil }
            var year = currentYear / 100 * 100 + twoDigits
            if year > currentYear + 50 { year -= 100 }
            return instant(year: year, month: date[1], day: Int(date[0]), time: parts[2])
        case 5:
            return instant(year: Int(parts[4]), month: parts[1], day: Int(parts[2]), time: parts[3])
        default:
            return DateLiteral(parsing: text).map { $0.instant(in: .utc) }
        }
    }

    private static func instant(year: Int?, month: Substring, day: Int?, time: Substring) -> Int64? {
        guard let year, let day, let month = months.firstIndex(of: String(month)) else { return nil }
        let clock = time.split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] < 61,
            let date = DateLiteral(parsing: String(format: "%04d-%02d-%02d", year, month + 1, day))
        else { return nil }
        return date.day * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
    }
}
