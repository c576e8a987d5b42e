/// What `ANALYZE` recorded about a database: table sizes and, per indexed column, how many rows
/// share a value on average. The planner uses it to estimate how many rows a restriction keeps.
/// Also what the schema guarantees: which columns have an index and which are `NOT NULL`.
///
/// Each engine's adapter reads its own from its catalog (SQLite from `sqlite_stat1` and its
/// pragmas, PostgreSQL from `pg_stats`).
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
