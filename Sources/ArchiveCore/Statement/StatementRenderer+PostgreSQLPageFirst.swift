/// How PostgreSQL is spared planning joins for rows a page never shows.
///
/// When a page's rows are chosen and ordered by its first table alone (the restriction and the
/// order read no joined table), PostgreSQL is given that table's page first, limited, and the
/// joins after it:
/// `SELECT … FROM (SELECT * FROM chat_session AS chat WHERE … ORDER BY … LIMIT n) AS chat
/// LEFT JOIN … ORDER BY … LIMIT … OFFSET …`.
/// Every join finds at most one row by the joined table's key, so the rows are the same. The
/// planner then weighs one table's indexes for the page and four lookups for its rows, instead of
/// every order of five joined tables over a million rows: about half the planning of the
/// standard pages (`Benchmarks/postgres-planning.sh`).
/// SQLite plans the joins in microseconds and gets its statements unchanged.
extension StatementRenderer {
    /// The limit of the first table's page, when `select` can be written page-first.
    static func postgreSQLPageFirstLimit(_ select: SQLSelect) -> SQLExpression? {
        guard !select.from.joins.isEmpty, select.groupBy.isEmpty, !select.columns.contains(where: \.aggregates), !select.orderBy.isEmpty,
              let limit = innerLimit(select)
        else { return nil }
        var joined: Set<SQLTable> = []
        for join in select.from.joins {
            // A left join on the joined table's key: at most one row per row of the page.
            guard join.kind == .left, case .comparison(.column(join.table.alias, "id"), .equal, _) = join.condition else { return nil }
            joined.insert(join.table.alias)
        }
        func readsOnlyThePageTable(_ expression: SQLExpression) -> Bool {
            expression.readTables.map { $0.isDisjoint(with: joined) } ?? false
        }
        guard select.filter.map(readsOnlyThePageTable) ?? true, select.orderBy.allSatisfy({ readsOnlyThePageTable($0.expression) }) else {
            return nil
        }
        return limit
    }

    /// `select` written page-first, its first table's page limited to `limit`.
    func writePostgreSQLPageFirst(_ select: SQLSelect, limit: SQLExpression, to writer: inout Writer) {
        writer.sql += "SELECT "
        list(select.columns, to: &writer)
        writer.sql += " FROM (SELECT * FROM "
        write(select.from.first, to: &writer)
        writeConditionAndOrder(SQLSelect(columns: [], from: select.from, filter: select.filter, orderBy: select.orderBy, limit: limit), to: &writer)
        writer.sql += ") AS " + alias(select.from.first.alias)
        writeJoins(select.from.joins, to: &writer)
        var outside = select
        outside.filter = nil
        writeConditionAndOrder(outside, to: &writer)
    }
}
