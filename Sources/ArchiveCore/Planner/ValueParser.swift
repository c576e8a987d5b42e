
/// Converts restriction values to the types of their columns, with errors that say which
/// column, which operator, which value, and what was expected.
struct ValueParser {
    let column: String
    let operatorName: String
    /// The condition the values come from, for the positions of its values.
    var condition: Condition? = nil

    /// An `invalidValue` error positioned at the value (when the condition says where it is).
    func invalid(_ value: RestrictionValue, expected: String) -> ArchiveError {
        let position = condition.flatMap { condition in condition.values.firstIndex(of: value).flatMap(condition.position(ofValueAt:)) }
        return ArchiveError(.invalidValue, "\(value) is not a valid value for \(column) \(operatorName): expected \(expected)", position: position)
    }

    func integer(_ value: RestrictionValue) throws -> Int64 {
        let text = value.text.trimmingSpaces()
        if let number = Int64(text) { return number }
        // `[I:10]` is how the reference system's agents encode integers.
        if text.hasPrefix("[I:"), text.hasSuffix("]"), let number = Int64(text.dropFirst(3).dropLast()) { return number }
        // Digits that Int64 cannot hold are a whole number, only too large for any column.
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : text[...]
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw invalid(value, expected: "a whole number from \(Int64.min) to \(Int64.max)")
        }
        throw invalid(value, expected: "a whole number")
    }

    func decimal(_ value: RestrictionValue) throws -> Double {
        let text = value.text.trimmingSpaces()
        if let number = Double(text), number.isFinite { return number }
        throw invalid(value, expected: "a number such as 12 or 12.5")
    }

    /// Seconds, written as a number of seconds or as `h:mm:ss` / `mm:ss`.
    func seconds(_ value: RestrictionValue) throws -> Int64 {
        let text = value.text.trimmingSpaces()
        if let number = Int64(text) { return number }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int64($0) }
        if (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) {
            return parts.reduce(0) { $0 * 60 + $1! }
        }
        throw invalid(value, expected: "a duration in seconds, or h:mm:ss")
    }

    func bool(_ value: RestrictionValue) throws -> Bool {
        switch value.text.trimmingSpaces().lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw invalid(value, expected: "true or false (or 1 or 0)")
        }
    }

    func period(_ value: RestrictionValue) throws -> PeriodUnit {
        guard let unit = PeriodUnit(name: value.text.trimmingSpaces()) else {
            throw invalid(value, expected: "a period: \(PeriodUnit.names)")
        }
        return unit
    }

    func count(_ value: RestrictionValue) throws -> Int {
        let number = try integer(value)
        guard (0...100_000).contains(number) else { throw invalid(value, expected: "a count from 0 to 100000") }
        return Int(number)
    }

    func dateLiteral(_ value: RestrictionValue) throws -> DateLiteral {
        guard let literal = DateLiteral(parsing: value.text.trimmingSpaces()) else {
            throw invalid(value, expected: "a date such as '2020-05-28', or a date and time such as '2020-05-28T15:00:00'")
        }
        return literal
    }
}

/// A date or datetime as written in a restriction: `2020-05-28`, `2009-1-1`, `2014.3.4`,
/// `2020-05-28T15:00:00`, `2020-05-28 15:00`, optionally with `Z` or an offset (`+02:00`).
public struct DateLiteral: Equatable, Sendable {
    /// The local day, as days since 1970-01-01.
    public let day: Int64
    /// Seconds into the day, when a time was given.
    public let secondOfDay: Int64?
    /// The offset from UTC the literal states; nil means the request's time zone.
    public let offset: Int64?

    /// True when the literal gives a time of day, not only a date.
    public var hasTime: Bool { secondOfDay != nil }

    /// The instant the literal names, reading it in `clock`'s zone unless it states an offset.
    public func instant(in clock: ZonedClock) -> Int64 {
        let local = day * 86_400 + (secondOfDay ?? 0)
        return offset.map { local - $0 } ?? clock.utc(fromLocal: local)
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` exactly, as exports write them, read without
    /// splitting text: an import reads millions. Nil for any other form (read as usual).
    private static func isoForm(_ text: String) -> (day: Int64, secondOfDay: Int64?)? {
        var text = text
        return text.withUTF8 { bytes -> (Int64, Int64?)? in
            guard bytes.count == 10 || bytes.count == 19 else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                (1...12).contains(month), day >= 1, day <= StoredDateTime.daysInMonth(year: year, month: month)
            else { return nil }
            let days = StoredDateTime.days(year: year, month: month, day: day)
            guard bytes.count == 19 else { return (days, nil) }
            guard bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 60
            else { return nil }
            return (days, Int64(hour * 3600 + minute * 60 + second))
        }
    }

    /// Reads a literal in one of the forms above (a four-digit year, a real date, a valid time);
    /// nil when `text` is none of them.
    public init?(parsing text: String) {
        if let (day, secondOfDay) = Self.isoForm(text) {
            (self.day, self.secondOfDay, self.offset) = (day, secondOfDay, nil)
            return
        }
        var rest = Substring(text)
        // The reference's own samples also write '2010-12-02Z12:00:00'.
        let separators: Set<Character> = ["T", "t", " ", "Z", "z"]
        var datePart = rest, timePart: Substring? = nil
        if let separator = rest.firstIndex(where: { separators.contains($0) }) {
            datePart = rest[..<separator]
            timePart = rest[rest.index(after: separator)...]
            rest = ""
        }
        let fields = datePart.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).map { Int($0) }
        guard fields.count == 3, let year = fields[0], let month = fields[1], let day = fields[2],
            datePart.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" })[0].count == 4,
            (1...12).contains(month), day >= 1, day <= StoredDateTime.daysInMonth(year: year, month: month)
        else { return nil }
        self.day = StoredDateTime.days(year: year, month: month, day: day)

        guard var time = timePart, !time.isEmpty else {
            secondOfDay = nil
            offset = nil
            return
        }
        var offset: Int64? = nil
        if time.last == "Z" || time.last == "z" {
            offset = 0
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let digits = time[time.index(after: sign)...].filter { $0 != ":" }
            guard digits.count == 4, let hours = Int64(digits.prefix(2)), let minutes = Int64(digits.suffix(2)), hours < 24, minutes < 60 else { return nil }
            offset = (time[sign] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            time = time[..<sign]
        }
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), let hour = Int64(clock[0]), let minute = Int64(clock[1]), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        if clock.count == 3 {
            // Fractions of a second are accepted and dropped.
            guard let whole = Int64(clock[2].split(separator: ".").first ?? ""), whole < 60 else { return nil }
            second = whole
        }
        self.secondOfDay = hour * 3600 + minute * 60 + second
        self.offset = offset
    }
}
