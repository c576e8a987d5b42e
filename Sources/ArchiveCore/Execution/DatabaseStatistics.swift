import ArchiveSQLite

/// What `ANALYZE` recorded about a database: table sizes and, per indexed column, how many rows
/// share a value on average. The planner uses it to estimate how many rows a restriction keeps.
/// Also what the schema guarantees: which columns have an index and which are `NOT NULL`.
///
/// Each ``ArchiveDatabase`` reads its own: SQLite from `sqlite_stat1` and its pragmas, a server
/// engine from its catalog.
public struct DatabaseStatistics: Sendable {
    /// Rows per table.
    private(set) var rowCounts: [String: Double] = [:]
    /// Average rows per distinct value, by table and the first column of an index.
    private(set) var rowsPerValue: [String: [String: Double]] = [:]
    /// An ascending index per table and first column, preferring one-column indexes.
    private(set) var indexes: [String: [String: String]] = [:]
    /// The `NOT NULL` columns per table.
    private(set) var notNullColumns: [String: Set<String>] = [:]

    static let empty = DatabaseStatistics()

    init() {}

    /// Statistics read from another engine's catalog.
    ///
    /// - Parameters:
    ///   - rowCounts: Rows per table.
    ///   - rowsPerValue: Average rows per distinct value, by table and column.
    ///   - indexes: An ascending index per table and column that it starts with.
    ///   - notNullColumns: The `NOT NULL` columns per table.
    public init(
        rowCounts: [String: Double], rowsPerValue: [String: [String: Double]], indexes: [String: [String: String]],
        notNullColumns: [String: Set<String>]
    ) {
        self.rowCounts = rowCounts
        self.rowsPerValue = rowsPerValue
        self.indexes = indexes
        self.notNullColumns = notNullColumns
    }

    /// Reads `sqlite_stat1` and the indexes' first columns. A database never analyzed has no
    /// statistics; estimates then fall back to fixed guesses.
    init(connection: Connection) throws {
        let firstColumns = try connection.rows("""
            SELECT m.name, il.name, ii.name, x.desc, (SELECT count(*) FROM pragma_index_info(il.name))
            FROM sqlite_schema AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii, pragma_index_xinfo(il.name) AS x
            WHERE m.type = 'table' AND ii.seqno = 0 AND x.seqno = 0
            ORDER BY m.name, 5, il.name
            """)
        var columnOfIndex: [String: String] = [:]
        for row in firstColumns {
            guard let table = row[0].textValue, let index = row[1].textValue, let column = row[2].textValue else { continue }
            columnOfIndex[index] = column
            if row[3].integerValue == 0, indexes[table]?[column] == nil { indexes[table, default: [:]][column] = index }
        }
        for row in try connection.rows("""
            SELECT m.name, c.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table' AND c."notnull"
            """) {
            guard let table = row[0].textValue, let column = row[1].textValue else { continue }
            notNullColumns[table, default: []].insert(column)
        }
        guard try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")?.integerValue == 1 else { return }
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

    /// What `sqlite_stat1` holds, to tell whether statistics read earlier are still the current ones.
    static func fingerprint(_ connection: Connection) throws -> String {
        guard try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")?.integerValue == 1 else { return "" }
        return try connection.scalar("SELECT group_concat(tbl || ' ' || coalesce(idx, '') || ' ' || stat, ';') FROM sqlite_stat1")?.textValue ?? ""
    }

    /// An ascending index of `table` whose first column is `column`.
    func index(table: String, column: String) -> String? { indexes[table]?[column] }

    /// True when the schema declares `table.column` `NOT NULL`.
    func isNotNull(table: String, column: String) -> Bool { notNullColumns[table]?.contains(column) ?? false }

    /// The fraction of `table`'s rows that have one given value in `column`, if known.
    func fractionPerValue(table: String, column: String) -> Double? {
        guard let rows = rowCounts[table], rows > 0, let perValue = rowsPerValue[table]?[column] else { return nil }
        return perValue / rows
    }
}
