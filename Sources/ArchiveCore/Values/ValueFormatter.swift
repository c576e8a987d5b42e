
/// Writes values as display strings for one request: list names come from SQL already; numbers,
/// booleans, dates and durations are written here in the request's language, culture and zone.
struct ValueFormatter {
    let language: Language
    let culture: Culture

    func display(_ value: ArchiveValue, kind: ValueKind) -> String {
        switch value {
        case .null: return ""
        case .integer(let integer): return kind == .field(.timeSpan) ? duration(integer) : String(integer)
        case .decimal(let decimal): return number(decimal)
        case .text(let text): return text
        case .bool(let flag): return (flag ? LocalizedText.yes : LocalizedText.no).text(in: language)
        case .date(let day): return date(day)
        case .dateTime(let local, _):
            let (day, second) = StoredDateTime.floorDivide(local, 86_400)
            let hour = second / 3600, minute = second / 60 % 60
            return date(day) + " " + (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
        case .list(let ids): return ids.map(String.init).joined(separator: ", ")
        }
    }

    func number(_ value: Double) -> String {
        // To two decimals, where a double has them: beyond 2^53 / 100 multiplying by 100 and
        // back changes the value itself (1e21 would show as 9.999999999999999e+20).
        let rounded = abs(value) < 9e13 ? (value * 100).rounded() / 100 : value
        var text = rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        if culture.decimalSeparator != "." { text = text.replacing(".", with: String(culture.decimalSeparator)) }
        return text
    }

    func date(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = StoredDateTime.civil(fromDays: day)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        switch culture.dateStyle {
        case .iso: return "\(year)-\(two(month))-\(two(dayOfMonth))"
        case .dayMonthYearDots: return "\(two(dayOfMonth)).\(two(month)).\(year)"
        case .monthDayYearSlashes: return "\(month)/\(dayOfMonth)/\(year)"
        }
    }

    /// Seconds as `h:mm:ss`.
    func duration(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = abs(seconds)
        let minutes = total / 60 % 60, rest = total % 60
        return "\(sign)\(total / 3600):\(minutes < 10 ? "0" : "")\(minutes):\(rest < 10 ? "0" : "")\(rest)"
    }
}
