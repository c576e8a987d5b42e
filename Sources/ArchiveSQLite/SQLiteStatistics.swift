import ArchiveCore

/// What `ANALYZE` recorded in a SQLite archive (`sqlite_stat1`) and what its schema guarantees,
/// read for the planner.
enum SQLiteStatistics {
    /// Reads `sqlite_stat1` and the indexes' first columns. A database never analyzed has no
    /// statistics; estimates then fall back to fixed guesses.
    static func read(_ connection: Connection) throws -> DatabaseStatistics {
        let firstColumns = try connection.rows("""
            SELECT m.name, il.name, ii.name, x.desc, (SELECT count(*) FROM pragma_index_info(il.name))
            FROM sqlite_schema AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii, pragma_index_xinfo(il.name) AS x
            WHERE m.type = 'table' AND ii.seqno = 0 AND x.seqno = 0
            ORDER BY m.name, 5, il.name
            """)
        var columnOfIndex: [String: String] = [:]
        var indexes: [String: [String: String]] = [:]
        for row in firstColumns {
            guard let table = row[0].textValue, let index = row[1].textValue, let column = row[2].textValue else { continue }
            columnOfIndex[index] = column
            if row[3].integerValue == 0, indexes[table]?[column] == nil { indexes[table, default: [:]][column] = index }
        }
        var notNullColumns: [String: Set<String>] = [:]
        for row in try connection.rows("""
            SELECT m.name, c.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table' AND c."notnull"
            """) {
            guard let table = row[0].textValue, let column = row[1].textValue else { continue }
            notNullColumns[table, default: []].insert(column)
        }
        var rowCounts: [String: Double] = [:]
        var rowsPerValue: [String: [String: Double]] = [:]
        if try hasStatistics(connection) {
            for row in try connection.rows("SELECT tbl, idx, stat FROM sqlite_stat1") {
                guard let table = row[0].textValue, let stat = row[2].textValue else { continue }
                let numbers = stat.split(separator: " ").compactMap { Double($0) }
                guard let rows = numbers.first else { continue }
                rowCounts[table] = max(rowCounts[table] ?? 0, rows)
                if let index = row[1].textValue, let column = columnOfIndex[index], numbers.count > 1 {
                    rowsPerValue[table, default: [:]][column] = numbers[1]
                }
            }
        }
        return DatabaseStatistics(rowCounts: rowCounts, rowsPerValue: rowsPerValue, indexes: indexes, notNullColumns: notNullColumns)
    }

    /// What `sqlite_stat1` holds, to tell whether statistics read earlier are still the current ones.
    static func fingerprint(_ connection: Connection) throws -> String {
        guard try hasStatistics(connection) else { return "" }
        return try connection.scalar("SELECT group_concat(tbl || ' ' || coalesce(idx, '') || ' ' || stat, ';') FROM sqlite_stat1")?.textValue ?? ""
    }

    private static func hasStatistics(_ connection: Connection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")?.integerValue == 1
    }
}
