/// The storage format of dates and datetimes in the archive database.
///
/// Datetimes are TEXT `YYYY-MM-DD HH:MM:SS` in UTC, dates are TEXT `YYYY-MM-DD`: SQLite's own
/// formats, so that `date()`, `strftime()` and comparisons work on them in the sqlite3 shell, and
/// text order is time order. This type converts between that text and seconds since 1970 with
/// integer arithmetic only (proleptic Gregorian calendar), so results never depend on the platform.
public enum StoredDateTime {
    /// Formats seconds since 1970-01-01 00:00:00 UTC as `YYYY-MM-DD HH:MM:SS`.
    public static func format(_ seconds: Int64) -> String { format(seconds, separator: 32) }

    /// ``format(_:)`` with `separator` between the date and the time (`T` for ISO 8601).
    public static func format(_ seconds: Int64, separator: UInt8) -> String {
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let hour = Int(secondOfDay / 3600), minute = Int(secondOfDay / 60 % 60), second = Int(secondOfDay % 60)
        return String(unsafeUninitializedCapacity: 19) { buffer in
            var index = 0
            func put(_ value: Int, digits: Int) {
                var divisor = 1
                for _ in 1..<digits { divisor *= 10 }
                var remaining = value
                while divisor > 0 {
                    buffer[index] = UInt8(48 + remaining / divisor)
                    remaining %= divisor
                    divisor /= 10
                    index += 1
                }
            }
            func put(byte: UInt8) { buffer[index] = byte; index += 1 }
            put(year, digits: 4); put(byte: 45); put(month, digits: 2); put(byte: 45); put(day, digits: 2)
            put(byte: separator)
            put(hour, digits: 2); put(byte: 58); put(minute, digits: 2); put(byte: 58); put(second, digits: 2)
            return index
        }
    }

    /// Formats the date part of seconds since 1970 (UTC) as `YYYY-MM-DD`.
    public static func formatDate(_ seconds: Int64) -> String {
        String(format(seconds).prefix(10))
    }

    /// Parses `YYYY-MM-DD HH:MM:SS` (a `T` may stand for the space) or `YYYY-MM-DD` into seconds
    /// since 1970, UTC. Returns nil for anything else, including impossible dates such as February 30.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        var text = String(text)
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` on UTF-8 bytes, without making a string first.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10 || bytes.count == 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[4] == 45, bytes[7] == 45,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        if bytes.count == 19 {
            guard bytes[10] == 32 || bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
                let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                hour < 24, minute < 60, second < 60
            else { return nil }
            seconds += Int64(hour * 3600 + minute * 60 + second)
        }
        return seconds
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's algorithms)

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day counted from 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// The weekday of a day counted from 1970-01-01: 0 = Monday … 6 = Sunday.
    public static func weekdayFromMonday(days: Int64) -> Int {
        // 1970-01-01 was a Thursday (3 when Monday is 0).
        Int(floorDivide(days + 3, 7).remainder)
    }

    /// True for a leap year of the proleptic Gregorian calendar (2000 is one, 1900 is not).
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in a month (1 = January) of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Division that rounds toward negative infinity, with a non-negative remainder.
    public static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }
}
