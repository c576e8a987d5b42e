
/// PostgreSQL's way with the parts where dialects differ.
///
/// The schema (`Schema/PostgreSQL/`) declares text columns `COLLATE "C"` (byte order) and
/// defines `archive_fold(text)`, which lower-cases ASCII letters only: `archive_fold(x)` under
/// "C" sorts and compares exactly as SQLite's NOCASE does, and the schema's indexes are on
/// `archive_fold(column)`, so case-insensitive matching and ordering use them. Time zones are
/// the server's own data (`AT TIME ZONE`), the zone's name a bound value.
extension StatementRenderer {
    static let fold = "archive_fold"

    func writePostgreSQLCaseInsensitive(_ left: SQLExpression, _ comparison: SQLComparison, _ right: SQLExpression, to writer: inout Writer) {
        writeFolded(left, to: &writer)
        writer.sql += " \(comparison.rawValue) "
        writeFolded(right, to: &writer)
    }

    func writePostgreSQLCaseInsensitiveIn(_ inner: SQLExpression, _ values: [SQLExpression], to writer: inout Writer) {
        writeFolded(inner, to: &writer)
        writer.sql += " IN ("
        for (index, value) in values.enumerated() {
            if index > 0 { writer.sql += ", " }
            writeFolded(value, to: &writer)
        }
        writer.sql += ")"
    }

    func writePostgreSQLTextKey(_ inner: SQLExpression, to writer: inout Writer) {
        writeFolded(inner, to: &writer)
    }

    /// `archive_fold(x)`; a bound text is folded here instead, `$n COLLATE "C"`.
    private func writeFolded(_ inner: SQLExpression, to writer: inout Writer) {
        // A generic plan (the readers' prepared statements) cannot fold a bound value once: it
        // would run archive_fold on it for every row it tests. The deep surname cursor's seek
        // executed in 1.1 ms so, against 0.6 ms with the value folded beforehand. "C" is the
        // folded column's collation, so the comparison still walks its index.
        if case .parameter(.text(let text), .natural) = inner {
            write(.parameter(.text(text.nocaseFolded), .natural), to: &writer)
            writer.sql += " COLLATE \"C\""
            return
        }
        writer.sql += Self.fold + "("
        write(inner, to: &writer)
        writer.sql += ")"
    }

    func writePostgreSQLLike(_ inner: SQLExpression, _ pattern: SQLExpression, to writer: inout Writer) {
        // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, so both sides are folded.
        writeFolded(inner, to: &writer)
        writer.sql += " LIKE "
        writeFolded(pattern, to: &writer)
        writer.sql += " ESCAPE '\\'"
    }

    func writePostgreSQLGlob(_ inner: SQLExpression, _ pattern: SQLExpression, to writer: inout Writer) {
        // No GLOB: the same pattern as an anchored regular expression.
        write(inner, to: &writer)
        writer.sql += " ~ "
        if case .parameter(.text(let glob), let type) = pattern {
            write(.parameter(.text(Self.regularExpression(glob: glob)), type), to: &writer)
        } else {
            preconditionFailure("a GLOB pattern is a bound text")
        }
    }

    /// A GLOB pattern (`*`, `?`, `[…]`, everything else itself) as an anchored POSIX regular
    /// expression matching the same texts.
    static func regularExpression(glob: String) -> String {
        var result = "^"
        var characters = Array(glob)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": result += ".*"
            case "?": result += "."
            case "[":
                // A class: copied to its closing bracket (a `]` first in it is a member).
                var members = ""
                if characters.first == "]" { members.append(characters.removeFirst()) }
                while let member = characters.popFirst(), member != "]" {
                    if member == "\\" { members += "\\\\" } else { members.append(member) }
                }
                result += "[" + members + "]"
            default:
                if "\\^$.|()+{}]".contains(character) { result += "\\" }
                result.append(character)
            }
        }
        return result + "$"
    }

    func writePostgreSQLLocalTime(_ inner: SQLExpression, _ zone: SQLTimeZone, to writer: inout Writer) {
        writer.sql += "(("
        write(inner, to: &writer)
        writer.sql += " AT TIME ZONE 'UTC') AT TIME ZONE "
        write(.value(.text(zone.identifier)), to: &writer)
        writer.sql += ")"
    }

    func writePostgreSQLDate(_ inner: SQLExpression, to writer: inout Writer) {
        writer.sql += "CAST("
        write(inner, to: &writer)
        writer.sql += " AS date)"
    }

    func writePostgreSQLDatePart(_ part: DatePart, _ localExpression: SQLExpression, to writer: inout Writer) {
        let local = reusableText(localExpression, writer: &writer)
        func extract(_ field: String) -> String { "CAST(EXTRACT(\(field) FROM \(local)) AS integer)" }
        switch part {
        case .year: writer.sql += extract("YEAR")
        case .quarter: writer.sql += extract("QUARTER")
        case .month: writer.sql += extract("MONTH")
        case .day: writer.sql += extract("DAY")
        case .dayOfYear: writer.sql += extract("DOY")
        case .dayOfWeek: writer.sql += extract("DOW")
        case .dayOfWeekFromMonday: writer.sql += extract("ISODOW")
        case .hour: writer.sql += extract("HOUR")
        case .weekno: writer.sql += extract("WEEK")
        case .yearMonth: writer.sql += "to_char(\(local), 'YYYY/MM')"
        case .yearWeekno: writer.sql += "to_char(\(local), 'IYYY/IW')"
        case .yearQuarter: writer.sql += "to_char(\(local), 'YYYY/Q')"
        case .isoDate: writer.sql += "to_char(\(local), 'YYYY-MM-DD')"
        case .isoDateHour: writer.sql += "to_char(\(local), 'YYYY-MM-DD HH24')"
        case .yearWeekAsISODate: writer.sql += "to_char(date_trunc('week', \(local)), 'YYYY-MM-DD')"
        }
    }

    func writePostgreSQLLinkedList(_ list: SQLLinkedList, to writer: inout Writer) {
        writer.sql += "(SELECT string_agg(CAST("
        write(list.value, to: &writer)
        writer.sql += " AS text), '\(list.separator)' ORDER BY "
        if list.isText { writeFolded(list.value, to: &writer) } else { write(list.value, to: &writer) }
        writer.sql += ") FROM \(SQLIdentifier.quote(list.table)) AS \(list.alias)"
        if let join = list.join {
            writer.sql += " JOIN \(SQLIdentifier.quote(join.table)) AS \(join.alias) ON "
            write(join.condition, to: &writer)
        }
        writer.sql += " WHERE "
        write(list.condition, to: &writer)
        writer.sql += ")"
    }
}
