
/// The parts of statements each dialect writes its own way. SQLite: text columns are declared
/// `COLLATE NOCASE` (they sort and compare without ASCII case as they are), `LIKE` ignores ASCII
/// case, there is no time-zone data (offsets are written out), and loops can be pinned to an
/// order (CROSS JOIN) and an index (INDEXED BY). PostgreSQL: see `StatementRenderer+PostgreSQL.swift`.
extension StatementRenderer {
    var orderedJoinKeyword: String {
        switch dialect {
        case .sqlite: " CROSS JOIN "
        case .postgresql: " JOIN "
        }
    }

    func indexHint(_ index: String) -> String {
        switch dialect {
        case .sqlite: " INDEXED BY " + SQLIdentifier.quote(index)
        case .postgresql: ""  // PostgreSQL takes no hints; its planner picks the index.
        }
    }

    func booleanLiteral(_ value: Bool) -> String {
        switch dialect {
        case .sqlite: value ? "1" : "0"
        case .postgresql: value ? "TRUE" : "FALSE"
        }
    }

    func writeCaseInsensitive(_ left: SQLExpression, _ comparison: SQLComparison, _ right: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLCaseInsensitive(left, comparison, right, to: &writer) }
        write(left, to: &writer)
        writer.sql += " \(comparison.rawValue) "
        write(right, to: &writer)
        writer.sql += " COLLATE NOCASE"
    }

    func writeCaseInsensitiveIn(_ inner: SQLExpression, _ values: [SQLExpression], to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLCaseInsensitiveIn(inner, values, to: &writer) }
        write(inner, to: &writer)
        writer.sql += " COLLATE NOCASE IN ("
        for (index, value) in values.enumerated() {
            if index > 0 { writer.sql += ", " }
            write(value, to: &writer)
        }
        writer.sql += ")"
    }

    func writeTextKey(_ inner: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLTextKey(inner, to: &writer) }
        // A column's own NOCASE collation orders and compares it (on its index). Any other
        // expression, a list item's name read by a subquery say, has no collation of its own:
        // SQLite would sort it in byte order (`VIP` before `Vendor`). In parentheses: COLLATE
        // binds tighter than any operator (`a || b COLLATE NOCASE` would collate `b` alone).
        // A bound value a seek compares takes the collation of the key it is compared with.
        switch inner {
        case .column, .parameter: return write(inner, to: &writer)
        default: break
        }
        writer.sql += "("
        write(inner, to: &writer)
        writer.sql += ") COLLATE NOCASE"
    }

    func writeLike(_ inner: SQLExpression, _ pattern: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLLike(inner, pattern, to: &writer) }
        write(inner, to: &writer)
        writer.sql += " LIKE "
        write(pattern, to: &writer)
        writer.sql += " ESCAPE '\\'"
    }

    func writeGlob(_ inner: SQLExpression, _ pattern: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLGlob(inner, pattern, to: &writer) }
        write(inner, to: &writer)
        writer.sql += " GLOB "
        write(pattern, to: &writer)
    }

    func writeUnindexed(_ inner: SQLExpression, to writer: inout Writer) {
        // PostgreSQL has no such hint: its planner weighs the indexes itself.
        if dialect == .sqlite { writer.sql += "+" }
        write(inner, to: &writer)
    }

    func writeTestedPerRow(_ inner: SQLExpression, to writer: inout Writer) {
        // PostgreSQL's walk is a LATERAL subquery per order segment; its planner needs no help.
        guard dialect == .sqlite else { return write(inner, to: &writer) }
        writer.sql += "coalesce("
        write(inner, to: &writer)
        writer.sql += ", 0)"
    }

    func writeLocalTime(_ inner: SQLExpression, _ zone: SQLTimeZone, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLLocalTime(inner, zone, to: &writer) }
        // No time-zone data: the zone's offsets over the span, as a CASE on the stored instant.
        // The instants and offsets come from the zone database, never from the client.
        let stored = reusableText(inner, writer: &writer)
        func seconds(_ offset: Int64) -> String { "'\(offset) seconds'" }
        let periods = zone.periods
        writer.sql += "datetime(\(stored), "
        if periods.count == 1 {
            writer.sql += seconds(periods[0].offset) + ")"
            return
        }
        switch zone.style {
        case .newestFirst:
            writer.sql += "CASE"
            for period in periods.dropFirst().reversed() {
                writer.sql += " WHEN \(stored) >= '\(StoredDateTime.format(period.start))' THEN \(seconds(period.offset))"
            }
            writer.sql += " ELSE \(seconds(periods[0].offset)) END)"
        case .oldestFirst:
            writer.sql += "CASE"
            for (index, period) in periods.dropLast().enumerated() {
                writer.sql += " WHEN \(stored) < '\(StoredDateTime.format(periods[index + 1].start))' THEN \(seconds(period.offset))"
            }
            writer.sql += " ELSE \(seconds(periods[periods.count - 1].offset)) END)"
        }
    }

    func writeDate(_ inner: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLDate(inner, to: &writer) }
        writer.sql += "date("
        write(inner, to: &writer)
        writer.sql += ")"
    }

    func writeDatePart(_ part: DatePart, _ localExpression: SQLExpression, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLDatePart(part, localExpression, to: &writer) }
        let local = reusableText(localExpression, writer: &writer)
        // ISO weeks belong to the year of their Thursday.
        let thursday = "date(\(local), '-3 days', 'weekday 4')"
        let week = "((CAST(strftime('%j', \(thursday)) AS INTEGER) - 1) / 7 + 1)"
        let quarter = "((CAST(strftime('%m', \(local)) AS INTEGER) + 2) / 3)"
        switch part {
        case .year: writer.sql += "CAST(strftime('%Y', \(local)) AS INTEGER)"
        case .quarter: writer.sql += quarter
        case .month: writer.sql += "CAST(strftime('%m', \(local)) AS INTEGER)"
        case .day: writer.sql += "CAST(strftime('%d', \(local)) AS INTEGER)"
        case .dayOfYear: writer.sql += "CAST(strftime('%j', \(local)) AS INTEGER)"
        case .dayOfWeek: writer.sql += "CAST(strftime('%w', \(local)) AS INTEGER)"
        case .dayOfWeekFromMonday: writer.sql += "((CAST(strftime('%w', \(local)) AS INTEGER) + 6) % 7 + 1)"
        case .hour: writer.sql += "CAST(strftime('%H', \(local)) AS INTEGER)"
        case .weekno: writer.sql += week
        case .yearMonth: writer.sql += "strftime('%Y/%m', \(local))"
        case .yearWeekno: writer.sql += "(strftime('%Y', \(thursday)) || '/' || printf('%02d', \(week)))"
        case .yearQuarter: writer.sql += "(strftime('%Y', \(local)) || '/' || \(quarter))"
        case .isoDate: writer.sql += "strftime('%Y-%m-%d', \(local))"
        case .isoDateHour: writer.sql += "strftime('%Y-%m-%d %H', \(local))"
        case .yearWeekAsISODate: writer.sql += "date(\(local), '-6 days', 'weekday 1')"
        }
    }

    func writeLinkedList(_ list: SQLLinkedList, to writer: inout Writer) {
        guard dialect == .sqlite else { return writePostgreSQLLinkedList(list, to: &writer) }
        // group_concat takes its rows in the order of the ordered subquery it reads.
        let name = SQLIdentifier.quote(list.valueName)
        writer.sql += "(SELECT group_concat(\(name), '\(list.separator)') FROM (SELECT "
        write(list.value, to: &writer)
        writer.sql += " AS \(name) FROM \(SQLIdentifier.quote(list.table)) AS \(list.alias)"
        if let join = list.join {
            writer.sql += " JOIN \(SQLIdentifier.quote(join.table)) AS \(join.alias) ON "
            write(join.condition, to: &writer)
        }
        writer.sql += " WHERE "
        write(list.condition, to: &writer)
        // By position, a text keeps its column's NOCASE collation.
        writer.sql += " ORDER BY "
        if list.isText { writer.sql += "1" } else { write(list.value, to: &writer) }
        writer.sql += "))"
    }
}
