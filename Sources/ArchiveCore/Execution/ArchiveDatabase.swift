public import ArchiveSQLite

/// The current row of a result, read by column position.
///
/// Values arrive in SQLite's storage classes whatever the engine: integers, reals, text (dates
/// as `YYYY-MM-DD`, datetimes as `YYYY-MM-DD HH:MM:SS`) and NULL, so one reader serves both.
public protocol ResultRow {
    /// The number of columns.
    var count: Int { get }
    /// An integer column; NULL reads as 0.
    func int64(at index: Int) -> Int64
    func optionalInt64(at index: Int) -> Int64?
    func optionalDouble(at index: Int) -> Double?
    func string(at index: Int) -> String?
    /// The column's text as UTF-8 bytes (nil for NULL), without making a `String`.
    func withUTF8<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T
    func value(at index: Int) -> SQLiteValue
}

extension ResultRow {
    /// Every column's value.
    var values: [SQLiteValue] { (0..<count).map { value(at: $0) } }
}

/// A database the provider can query: SQLite (a ``Connection``) or a server engine.
///
/// The provider writes its statements in ``dialect`` and reads rows through ``forEachRow(_:_:_:)``.
/// A value is used by one thread at a time, as a connection is.
public protocol ArchiveDatabase {
    associatedtype Row: ResultRow

    /// The SQL the database speaks.
    var dialect: SQLDialect { get }
    /// What names this database in the provider's caches of statistics and plans (a file's path,
    /// a server's address and database), or nil when it is not worth caching (in memory).
    var cacheIdentity: String? { get }

    /// Runs a statement with its arguments and hands each result row to `body`, in order.
    func forEachRow(_ sql: String, _ arguments: [SQLiteValue], _ body: (Row) throws -> Void) throws
    /// What the planner should know about the tables: sizes, value spreads, indexes, `NOT NULL`.
    func archiveStatistics() throws -> DatabaseStatistics
    /// A short text that changes when the statistics change (after `ANALYZE`).
    func statisticsFingerprint() throws -> String
    /// The engine's plan of a statement, one line per step, indented as a tree.
    func explainPlan(_ sql: String, _ arguments: [SQLiteValue]) throws -> [String]
}

extension ArchiveDatabase {
    /// Every row of a statement, as values.
    func allRows(_ sql: String, _ arguments: [SQLiteValue]) throws -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        try forEachRow(sql, arguments) { rows.append($0.values) }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    func firstValue(_ sql: String, _ arguments: [SQLiteValue]) throws -> SQLiteValue? {
        var value: SQLiteValue?
        try forEachRow(sql, arguments) { row in if value == nil { value = row.value(at: 0) } }
        return value
    }
}

extension Row: ResultRow {}

extension Connection: ArchiveDatabase {
    public var dialect: SQLDialect { .sqlite }

    public var cacheIdentity: String? { path.isEmpty || path == ":memory:" ? nil : path }

    public func forEachRow(_ sql: String, _ arguments: [SQLiteValue], _ body: (ArchiveSQLite.Row) throws -> Void) throws {
        // A cached statement that is still being read (a nested query) is prepared anew.
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.forEachRow(body)
    }

    public func archiveStatistics() throws -> DatabaseStatistics { try DatabaseStatistics(connection: self) }

    public func statisticsFingerprint() throws -> String { try DatabaseStatistics.fingerprint(self) }

    public func explainPlan(_ sql: String, _ arguments: [SQLiteValue]) throws -> [String] {
        var steps: [(id: Int64, parent: Int64, detail: String)] = []
        try forEachRow("EXPLAIN QUERY PLAN " + sql, arguments) { steps.append(($0.int64(at: 0), $0.int64(at: 1), $0.string(at: 3) ?? "")) }
        return Explanation.tree(steps)
    }
}
