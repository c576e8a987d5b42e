
/// A statement written in a dialect: its text and what its placeholders stand for, in order.
struct RenderedStatement: Hashable, Sendable {
    var sql: String
    var arguments: [StatementArgument]
    let dialect: SQLDialect

    /// The values to bind, with each slot given its value for this page (a negative row count
    /// is no limit).
    func values(pageRows: Int64, pageSkip: Int64, partRows: Int64) -> [DatabaseValue] {
        // SQLite reads `LIMIT -1` as no limit; PostgreSQL refuses it and reads `LIMIT NULL` so.
        func rows(_ count: Int64) -> DatabaseValue { count < 0 && dialect == .postgresql ? .null : .integer(count) }
        return arguments.map { argument in
            switch argument {
            case .value(let value): value
            case .slot(.pageRows): rows(pageRows)
            case .slot(.pageSkip): .integer(pageSkip)
            case .slot(.partRows): rows(partRows)
            }
        }
    }

    /// The values to bind, when the statement has no slots.
    var values: [DatabaseValue] { values(pageRows: -1, pageSkip: 0, partRows: -1) }
}

/// What a placeholder stands for: a value, or a slot filled per page.
enum StatementArgument: Hashable, Sendable {
    case value(DatabaseValue)
    case slot(SQLSlot)
}

/// Writes planned statements (``SQLStatement``, ``SQLSelect``, ``SQLExpression``) as SQL text of
/// one dialect, with every value as a placeholder.
///
/// The parts the dialects share are written here; the parts where they differ are in
/// `StatementRenderer+SQLite.swift` and `StatementRenderer+PostgreSQL.swift`.
struct StatementRenderer {
    let dialect: SQLDialect

    /// The most parts an `and` or `or` puts in one parenthesis.
    ///
    /// SQLite parses `a AND b AND c …` as a chain as deep as it is long, and refuses chains
    /// deeper than 1000; so long lists are written in groups of groups, about log₃₂(n) deep.
    static let groupSize = 32

    func render(_ statement: SQLStatement) -> RenderedStatement {
        var writer = Writer(dialect: dialect)
        write(statement, to: &writer)
        return RenderedStatement(sql: writer.sql, arguments: writer.arguments, dialect: dialect)
    }

    func render(_ select: SQLSelect) -> RenderedStatement { render(.select(select)) }

    /// An expression alone, with its values (to tell expressions apart as the dialect writes them).
    func render(_ expression: SQLExpression) -> RenderedStatement {
        var writer = Writer(dialect: dialect)
        write(expression, to: &writer)
        return RenderedStatement(sql: writer.sql, arguments: writer.arguments, dialect: dialect)
    }

    // MARK: - Statements

    func write(_ statement: SQLStatement, to writer: inout Writer) {
        switch statement {
        case .select(let select):
            write(select, to: &writer)
        case .concatenated(let parts, let limit, let offset):
            for (index, part) in parts.enumerated() {
                if index > 0 { writer.sql += " UNION ALL " }
                writer.sql += "SELECT * FROM ("
                write(part, to: &writer)
                writer.sql += ")"
                if dialect == .postgresql { writer.sql += " AS part\(index)" }
            }
            writeSlice(limit: limit, offset: offset, to: &writer)
        }
    }

    func write(_ select: SQLSelect, to writer: inout Writer) {
        if dialect == .postgresql, Self.isPostgreSQLWalk(select) {
            writer.walkDepth += 1
            writePostgreSQLWalk(select, to: &writer)
            writer.walkDepth -= 1
            return
        }
        var select = select
        if dialect == .postgresql {
            // A walk's inner side is ordered by the walked join's index, not by a NULL column's.
            if writer.walkDepth == 0 { select.orderBy = Self.postgreSQLOrder(select) }
            if let limit = Self.postgreSQLPageFirstLimit(select) {
                return writePostgreSQLPageFirst(select, limit: limit, to: &writer)
            }
        }
        writer.sql += "SELECT "
        list(select.columns, to: &writer)
        writer.sql += " "
        write(select.from, to: &writer)
        writeConditionAndOrder(select, to: &writer)
    }

    /// WHERE, GROUP BY, ORDER BY, LIMIT and OFFSET of a select.
    func writeConditionAndOrder(_ select: SQLSelect, to writer: inout Writer) {
        if let filter = select.filter {
            writer.sql += " WHERE "
            write(filter, to: &writer)
        }
        if !select.groupBy.isEmpty {
            writer.sql += " GROUP BY "
            list(select.groupBy, to: &writer)
        }
        if !select.orderBy.isEmpty {
            writer.sql += " ORDER BY "
            for (index, key) in select.orderBy.enumerated() {
                if index > 0 { writer.sql += ", " }
                write(key.expression, to: &writer)
                if key.descending { writer.sql += " DESC" }
                // SQLite puts NULLs first ascending and last descending; PostgreSQL the other
                // way round. The schema's PostgreSQL indexes are declared in SQLite's order.
                if dialect == .postgresql && !key.nonNull { writer.sql += key.descending ? " NULLS LAST" : " NULLS FIRST" }
            }
        }
        writeSlice(limit: select.limit, offset: select.offset, to: &writer)
    }

    private func writeSlice(limit: SQLExpression?, offset: SQLExpression?, to writer: inout Writer) {
        if let limit {
            writer.sql += " LIMIT "
            write(limit, to: &writer)
        }
        if let offset {
            writer.sql += " OFFSET "
            write(offset, to: &writer)
        }
    }

    func write(_ from: SQLFrom, to writer: inout Writer) {
        writer.sql += "FROM "
        write(from.first, to: &writer)
        writeJoins(from.joins, to: &writer)
    }

    /// ` LEFT JOIN t AS a ON …` for each join (ordered ones in the dialect's words).
    func writeJoins(_ joins: [SQLJoin], to writer: inout Writer) {
        for join in joins {
            switch join.kind {
            case .ordered: writer.sql += orderedJoinKeyword
            case .left: writer.sql += " LEFT JOIN "
            }
            write(join.table, to: &writer)
            writer.sql += " ON "
            write(join.condition, to: &writer)
        }
    }

    func write(_ table: SQLTableReference, to writer: inout Writer) {
        writer.sql += SQLIdentifier.quote(table.table) + " AS " + alias(table.alias)
        if let index = table.index { writer.sql += indexHint(index) }
    }

    func alias(_ table: SQLTable) -> String {
        switch table {
        case .relation(let name): SQLIdentifier.quote(name)
        case .local(let name): name
        }
    }

    func list(_ expressions: [SQLExpression], to writer: inout Writer) {
        for (index, expression) in expressions.enumerated() {
            if index > 0 { writer.sql += ", " }
            write(expression, to: &writer)
        }
    }

    // MARK: - Expressions

    func write(_ expression: SQLExpression, to writer: inout Writer) {
        switch expression {
        case .column(let table, let name):
            writer.sql += alias(table) + "." + SQLIdentifier.quote(name)
        case .parameter(let value, let type):
            writer.parameter(.value(value), type: type)
        case .slot(let slot):
            writer.parameter(.slot(slot), type: .natural)
        case .integer(let number):
            writer.sql += String(number)
        case .text(let text):
            writer.sql += "'" + text.replacing("'", with: "''") + "'"
        case .null:
            writer.sql += "NULL"
        case .boolean(let value):
            writer.sql += booleanLiteral(value)
        case .comparison(let left, let comparison, let right):
            write(left, to: &writer)
            writer.sql += " \(comparison.rawValue) "
            write(right, to: &writer)
        case .and(let parts):
            joined(parts, by: "AND", to: &writer)
        case .or(let parts):
            joined(parts, by: "OR", to: &writer)
        case .conjunction(let parts):
            writeConjunction(parts, to: &writer)
        case .not(let inner):
            writer.sql += "NOT "
            write(inner, to: &writer)
        case .isNull(let inner):
            write(inner, to: &writer)
            writer.sql += " IS NULL"
        case .isNotNull(let inner):
            write(inner, to: &writer)
            writer.sql += " IS NOT NULL"
        case .in(let inner, let values):
            write(inner, to: &writer)
            writer.sql += " IN "
            parenthesized(values, to: &writer)
        case .between(let inner, let low, let high):
            writeBetween(inner, low, high, to: &writer)
        case .exists(let select):
            writer.sql += "EXISTS "
            parenthesized(select, to: &writer)
        case .subquery(let select):
            parenthesized(select, to: &writer)
        case .function(let function, let arguments):
            writeFunction(function, arguments, to: &writer)
        case .cases(let cases, let otherwise):
            writeCases(cases, otherwise: otherwise, to: &writer)
        case .row(let parts):
            parenthesized(parts, to: &writer)
        case .caseInsensitive(let left, let comparison, let right):
            writeCaseInsensitive(left, comparison, right, to: &writer)
        case .caseInsensitiveIn(let inner, let values):
            writeCaseInsensitiveIn(inner, values, to: &writer)
        case .textKey(let inner):
            writeTextKey(inner, to: &writer)
        case .like(let inner, let pattern):
            writeLike(inner, pattern, to: &writer)
        case .glob(let inner, let pattern):
            writeGlob(inner, pattern, to: &writer)
        case .unindexed(let inner):
            writeUnindexed(inner, to: &writer)
        case .testedPerRow(let inner):
            writeTestedPerRow(inner, to: &writer)
        case .localTime(let inner, let zone):
            writeLocalTime(inner, zone, to: &writer)
        case .date(let inner):
            writeDate(inner, to: &writer)
        case .datePart(let part, let local):
            writeDatePart(part, local, to: &writer)
        case .linkedList(let list):
            writeLinkedList(list, to: &writer)
        }
    }

    /// `a AND b …` without parentheses or groups (a conjunction is short: a small subquery's WHERE).
    private func writeConjunction(_ parts: [SQLExpression], to writer: inout Writer) {
        for (index, part) in parts.enumerated() {
            if index > 0 { writer.sql += " AND " }
            write(part, to: &writer)
        }
    }

    /// `x BETWEEN low AND high`.
    private func writeBetween(_ inner: SQLExpression, _ low: SQLExpression, _ high: SQLExpression, to writer: inout Writer) {
        write(inner, to: &writer)
        writer.sql += " BETWEEN "
        write(low, to: &writer)
        writer.sql += " AND "
        write(high, to: &writer)
    }

    /// `CASE WHEN … THEN … [ELSE …] END`.
    private func writeCases(_ cases: [SQLCase], otherwise: SQLExpression?, to writer: inout Writer) {
        writer.sql += "CASE"
        for branch in cases {
            writer.sql += " WHEN "
            write(branch.condition, to: &writer)
            writer.sql += " THEN "
            write(branch.value, to: &writer)
        }
        if let otherwise {
            writer.sql += " ELSE "
            write(otherwise, to: &writer)
        }
        writer.sql += " END"
    }

    /// `(a, b, …)`: a row value, or the values of an `IN`.
    private func parenthesized(_ expressions: [SQLExpression], to writer: inout Writer) {
        writer.sql += "("
        list(expressions, to: &writer)
        writer.sql += ")"
    }

    /// `(SELECT …)`: a subquery.
    private func parenthesized(_ select: SQLSelect, to writer: inout Writer) {
        writer.sql += "("
        write(select, to: &writer)
        writer.sql += ")"
    }

    /// `(a AND b …)`, in groups of ``groupSize``; one part is written alone, none as true.
    private func joined(_ parts: [SQLExpression], by separator: String, to writer: inout Writer) {
        guard parts.count > 1 else {
            write(parts.first ?? .alwaysTrue, to: &writer)
            return
        }
        if parts.count > Self.groupSize {
            let groups = stride(from: 0, to: parts.count, by: Self.groupSize).map { start -> SQLExpression in
                let group = Array(parts[start..<min(start + Self.groupSize, parts.count)])
                return separator == "AND" ? .and(group) : .or(group)
            }
            joined(groups, by: separator, to: &writer)
            return
        }
        writer.sql += "("
        for (index, part) in parts.enumerated() {
            if index > 0 { writer.sql += " \(separator) " }
            write(part, to: &writer)
        }
        writer.sql += ")"
    }

    private func writeFunction(_ function: SQLFunction, _ arguments: [SQLExpression], to writer: inout Writer) {
        if function == .average, dialect == .postgresql, arguments.count == 1 {
            // PostgreSQL averages integers as numeric, rounded to 16 places; SQLite divides
            // the sum as a double by the count. Written the SQLite way, both give the same double.
            let argument = reusableText(arguments[0], writer: &writer)
            writer.sql += "(CAST(sum(\(argument)) AS double precision) / count(\(argument)))"
            return
        }
        let name: String
        switch function {
        case .coalesce: name = "coalesce"
        case .count, .countDistinct: name = "count"
        case .sum: name = "sum"
        case .average: name = "avg"
        case .minimum: name = "min"
        case .maximum: name = "max"
        }
        writer.sql += name + "("
        if function == .countDistinct { writer.sql += "DISTINCT " }
        if function == .count && arguments.isEmpty { writer.sql += "*" }
        list(arguments, to: &writer)
        writer.sql += ")"
    }

    /// An expression that a dialect writes more than once (a local datetime inside a date
    /// part): written once here, its text reused.
    func reusableText(_ expression: SQLExpression, writer: inout Writer) -> String {
        // A writer with the statement's arguments so far, so that its `$n` continue (and reuse) them.
        var scratch = writer
        scratch.sql = ""
        write(expression, to: &scratch)
        switch dialect {
        case .sqlite:
            // `?` are positional: reusing text would need its values again.
            precondition(scratch.arguments.count == writer.arguments.count, "SQLite writes no reused expression with values")
        case .postgresql:
            // `$n` are numbered: the text may appear any number of times.
            writer.arguments = scratch.arguments
        }
        return scratch.sql
    }

    /// Statement text under construction.
    struct Writer {
        let dialect: SQLDialect
        var sql = ""
        var arguments: [StatementArgument] = []
        /// The walks written so far (each names its subquery), and how many enclose the writing.
        var walks = 0
        var walkDepth = 0

        init(dialect: SQLDialect) {
            self.dialect = dialect
            sql.reserveCapacity(512)
        }

        mutating func parameter(_ argument: StatementArgument, type: SQLType) {
            switch dialect {
            case .sqlite:
                arguments.append(argument)
                sql += "?"
            case .postgresql:
                // A value written before is the same `$n`: PostgreSQL then sees the same
                // expression where a statement repeats one (a grouped expression in the select
                // list and in GROUP BY must match exactly, zone name and all).
                let number: Int
                if case .value = argument, let earlier = arguments.firstIndex(of: argument) {
                    number = earlier + 1
                } else {
                    arguments.append(argument)
                    number = arguments.count
                }
                sql += "$\(number)"
                switch type {
                case .natural: break
                case .dateTime: sql += "::timestamp"
                case .date: sql += "::date"
                }
            }
        }
    }
}
