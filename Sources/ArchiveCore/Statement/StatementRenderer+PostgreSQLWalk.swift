/// How PostgreSQL is made to read an order from indexes the way SQLite does.
///
/// A walked order (``SQLJoin/Kind/ordered``) starts at the sort column's table and loops into
/// the chats of each of its rows: SQLite knows the rows come out in the order of the outer index
/// then the inner one, and reads only the rows of the page. PostgreSQL keeps only the outer side's order
/// through a nested loop, so it would sort every chat of a status, a topic or an agent. Written
/// as a `LATERAL` subquery limited to the rows a page can reach, the inner side is a short,
/// index-ordered read per outer row, and only those rows are sorted.
///
/// Likewise SQLite reads `x IS NULL ORDER BY id` from an index on `(x, id)`; PostgreSQL needs the
/// order to name `x` too (it is NULL in every row, so the order is the same).
extension StatementRenderer {
    /// Whether PostgreSQL writes `select` as a walk: ordered, from a table walked into the next.
    static func isPostgreSQLWalk(_ select: SQLSelect) -> Bool {
        !select.orderBy.isEmpty && select.from.joins.first?.kind == .ordered && select.groupBy.isEmpty
            && !select.columns.contains(where: \.aggregates)
    }

    /// `SELECT w.c0, … FROM outer CROSS JOIN LATERAL (SELECT …, inner keys FROM the rest WHERE
    /// join AND filter ORDER BY inner keys LIMIT rows) AS w(c0, …, k0, …) WHERE outer's share of
    /// the filter ORDER BY outer keys, w.k0, … LIMIT … OFFSET …`.
    func writePostgreSQLWalk(_ select: SQLSelect, to writer: inout Writer) {
        let outer = select.from.first
        let walked = select.from.joins[0]
        // The leading keys that read only the outer table order the outer scan (its index).
        let outerKeyCount = select.orderBy.prefix { $0.expression.readTables == [outer.alias] }.count
        let outerKeys = select.orderBy[..<outerKeyCount]
        let innerKeys = Array(select.orderBy[outerKeyCount...])
        let conditions = select.filter.map(\.conjuncts) ?? []

        writer.walks += 1
        let walk = "walk\(writer.walks)"
        let columnNames = select.columns.indices.map { "c\($0)" }
        let keyNames = innerKeys.indices.map { "k\($0)" }
        let inner = SQLSelect(
            columns: select.columns + innerKeys.map(\.expression),
            from: SQLFrom(walked.table, joins: Array(select.from.joins.dropFirst())),
            filter: .and([walked.condition] + conditions),
            orderBy: innerKeys,
            limit: Self.innerLimit(select))

        writer.sql += "SELECT "
        list(columnNames.map { .column(.local(walk), $0) }, to: &writer)
        writer.sql += " FROM "
        write(outer, to: &writer)
        writer.sql += " CROSS JOIN LATERAL ("
        write(inner, to: &writer)
        writer.sql += ") AS \(walk)(" + (columnNames + keyNames).map(SQLIdentifier.quote).joined(separator: ", ") + ")"
        // The conditions on the outer table alone (a cursor's seek, a restriction on the sort
        // column) are repeated outside, so the outer scan starts and stays where they allow. In
        // a walk inside another, they may read the enclosing walk's tables too (the join that led
        // here, which then seeks the outer table's index by its key).
        let statementTables = Set([outer.alias] + select.from.joins.map(\.table.alias))
        let outerConditions = conditions.filter { condition in
            condition.readTables.map { $0.intersection(statementTables) == [outer.alias] } ?? false
        }
        var outside = select
        outside.filter = outerConditions.isEmpty ? nil : .and(outerConditions)
        outside.orderBy = Array(outerKeys) + zip(innerKeys, keyNames).map { key, name in
            SQLOrderKey(.column(.local(walk), name), descending: key.descending, nonNull: key.nonNull)
        }
        writeConditionAndOrder(outside, to: &writer)
    }

    /// The most rows one outer row can contribute to the slice: every row it reaches.
    static func innerLimit(_ select: SQLSelect) -> SQLExpression? {
        switch (select.limit, select.offset) {
        case (let limit, nil): limit
        case (.slot(.pageRows), .slot(.pageSkip)): .slot(.partRows)
        default: nil
        }
    }

    /// An order that PostgreSQL reads from an index on `(x, …)` when every row has `x IS NULL`:
    /// the order keys, with such an `x` of the first table put first.
    static func postgreSQLOrder(_ select: SQLSelect) -> [SQLOrderKey] {
        guard select.groupBy.isEmpty, !select.from.joins.contains(where: { $0.kind == .ordered }), let first = select.orderBy.first,
              select.from.isNeverNullKey(first.expression), case .column(let table, _) = first.expression,
              let filter = select.filter
        else { return select.orderBy }
        // The last such condition: a segment's (a missing relation's foreign key) follows the client's.
        let nullColumn = filter.conjuncts.last { condition in
            if case .isNull(.column(table, _)) = condition { true } else { false }
        }
        guard case .isNull(let column) = nullColumn, column != first.expression else { return select.orderBy }
        return [SQLOrderKey(column, descending: first.descending)] + select.orderBy
    }
}

extension SQLExpression {
    /// The expressions this one is made of, at this statement's level; nil for a subquery, whose
    /// tables and aggregates are its own.
    var parts: [SQLExpression]? {
        switch self {
        case .column, .parameter, .integer, .text, .null, .boolean, .slot: []
        case .comparison(let left, _, let right), .caseInsensitive(let left, _, let right), .like(let left, let right),
             .glob(let left, let right):
            [left, right]
        case .textKey(let inner), .not(let inner), .isNull(let inner), .isNotNull(let inner), .unindexed(let inner), .testedPerRow(let inner),
             .localTime(let inner, _), .date(let inner), .datePart(_, let inner):
            [inner]
        case .caseInsensitiveIn(let inner, let values), .in(let inner, let values): [inner] + values
        case .and(let parts), .or(let parts), .conjunction(let parts), .row(let parts), .function(_, let parts): parts
        case .between(let inner, let low, let high): [inner, low, high]
        case .cases(let cases, let otherwise): cases.flatMap { [$0.condition, $0.value] } + (otherwise.map { [$0] } ?? [])
        case .exists, .subquery, .linkedList: nil
        }
    }

    /// Whether the expression aggregates rows of its statement (`count`, `sum`, …; a subquery's
    /// own aggregates do not count): such a statement's rows cannot be chosen before it runs.
    var aggregates: Bool {
        if case .function(let function, _) = self, function != .coalesce { return true }
        return parts?.contains(where: \.aggregates) ?? false
    }

    /// The parts of a conjunction (`a AND (b AND c)`: a, b, c); any other expression is itself.
    var conjuncts: [SQLExpression] {
        switch self {
        case .and(let parts), .conjunction(let parts): parts.flatMap(\.conjuncts)
        default: [self]
        }
    }

    /// The tables whose columns the expression reads, or nil when it holds a subquery (which
    /// reads tables of its own).
    var readTables: Set<SQLTable>? {
        if case .column(let table, _) = self { return [table] }
        guard let parts else { return nil }
        var tables: Set<SQLTable> = []
        for part in parts {
            guard let read = part.readTables else { return nil }
            tables.formUnion(read)
        }
        return tables
    }
}
