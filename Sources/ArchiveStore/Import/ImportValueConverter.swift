import ArchiveCore
import Foundation

/// Reads a file's values as the archive stores them: numbers, flags, dates and datetimes (the
/// latter in the file's time zone).
struct ImportValueConverter {
    let clock: ZonedClock

    /// A file's value as the column's stored value.
    func convert(_ value: ImportValue, to type: FieldType, column: String) throws -> DatabaseValue {
        func invalid(_ expected: String) -> ImportLineError { ImportLineError("\(column) must be \(expected), not \(Self.describe(value))") }
        if case .null = value { return .null }
        if case .text(let text) = value, text.isEmpty { return .null }
        if case .text(let text) = value, text.containsNUL { throw invalid("text without the NUL character (U+0000)") }
        switch type {
        case .text:
            switch value {
            case .text(let text): return .text(text)
            case .integer(let number): return .text(String(number))
            case .decimal(let number): return .text(String(number))
            case .bool(let flag): return .text(flag ? "true" : "false")
            case .null: return .null
            case .ids: throw invalid("a text")
            }
        case .integer, .timeSpan:
            switch value {
            case .integer(let number): return .integer(number)
            case .text(let text): guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw invalid("a whole number") }; return .integer(number)
            default: throw invalid("a whole number")
            }
        case .decimal:
            switch value {
            case .integer(let number): return .real(Double(number))
            case .decimal(let number): return .real(number)
            case .text(let text): guard let number = Double(text), number.isFinite else { throw invalid("a number") }; return .real(number)
            default: throw invalid("a number")
            }
        case .bool:
            switch value {
            case .bool(let flag): return .integer(flag ? 1 : 0)
            case .integer(let number) where number == 0 || number == 1: return .integer(number)
            case .text(let text):
                switch text.lowercased() {
                case "true", "1", "yes": return .integer(1)
                case "false", "0", "no": return .integer(0)
                default: throw invalid("true or false")
                }
            default: throw invalid("true or false")
            }
        case .date, .dateTime:
            guard case .text(let text) = value, let literal = DateLiteral(parsing: text) else {
                throw invalid(type == .date ? "a date such as 2026-11-20" : "a datetime such as 2026-11-20T13:05:09")
            }
            // A calendar date stays the day it says; a datetime is read in the file's zone.
            if type == .date { return .text(StoredDateTime.formatDate(literal.day * 86_400)) }
            return .text(StoredDateTime.format(literal.instant(in: clock)))
        }
    }

    static func describe(_ value: ImportValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .decimal(let number): String(number)
        case .text(let text): "'\(text.count > 40 ? text.prefix(40) + "…" : text)'"
        case .ids(let ids): "[" + ids.map(String.init).joined(separator: ", ") + "]"
        }
    }
}
