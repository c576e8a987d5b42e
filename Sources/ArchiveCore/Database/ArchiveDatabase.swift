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
    func value(at index: Int) -> DatabaseValue
}

extension ResultRow {
    /// Every column's value.
    var values: [DatabaseValue] { (0..<count).map { value(at: $0) } }
}

/// A connection to an archive, of whichever engine: what the provider queries and the stores
/// write through.
///
/// The provider writes its statements in ``dialect`` and reads rows through ``forEachRow(_:_:_:)``;
/// the stores write ``PortableSQL``, which each dialect renders. A value is used by one thread at
/// a time, as a connection is. The errors an adapter throws conform to ``DatabaseFailure``.
public protocol ArchiveDatabase {
    associatedtype Row: ResultRow

    /// The SQL the database speaks.
    var dialect: SQLDialect { get }
    /// What names this database in the provider's caches of statistics and plans (a file's path,
    /// a server's address and database), or nil when it is not worth caching (in memory).
    var cacheIdentity: String? { get }

    /// Runs a statement with its arguments and hands each result row to `body`, in order.
    func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws
    /// Runs a statement that changes rows, and returns how many it changed.
    func execute(_ sql: String, arguments: [DatabaseValue]) throws -> Int
    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    /// Inside another transaction it runs in a savepoint of that one.
    func inTransaction<T>(_ body: () throws -> T) throws -> T
    /// Moves the ids the database assigns in `table` past every id the table holds, so that a row
    /// created after rows were written with their own ids (an import) gets a fresh one.
    func advanceIdentity(of table: String) throws
    /// The columns of `table` that refer to another table's id: column → table.
    func foreignKeys(of table: String) throws -> [String: String]
    /// The columns of `table` the schema computes (generated columns), which no one writes.
    func generatedColumns(of table: String) throws -> Set<String>

    /// The indexes that only make reads faster (no rule of the schema needs them: not unique),
    /// as statements that create them again: a bulk load into empty tables drops them and builds
    /// each once at its end, rather than keeping them up to date row by row.
    func secondaryIndexes() throws -> [SecondaryIndex]
    /// Drops secondary indexes (inside a bulk load's transaction).
    func drop(_ indexes: [SecondaryIndex]) throws
    /// Creates an index dropped by ``drop(_:)`` again, in the same transaction, unless it
    /// exists (created earlier, and not undone by a savepoint's rollback since).
    func create(_ index: SecondaryIndex) throws
    /// Runs `body`, which inserts chats into an archive that has none, inside the caller's write
    /// transaction. An engine may set its triggers' per-row work on new chats aside meanwhile
    /// (their count, the change feed's `created` and `changed` events) and do it for every chat
    /// at once when `body` returns, in the same transaction. The count is the same; the feed
    /// then has one `created` event per chat, with its values as `body` left them (no `changed`
    /// event for a chat `body` wrote again), in the order of the chats' ids, all with the time
    /// and writer of the end of `body`. When `body` throws, the caller rolls its transaction
    /// back, which undoes whatever the engine set aside.
    func loadingChatsInBulk<T>(_ body: () throws -> T) throws -> T

    /// What the planner should know about the tables: sizes, value spreads, indexes, `NOT NULL`.
    func archiveStatistics() throws -> DatabaseStatistics
    /// A short text that changes when the statistics change (after `ANALYZE`).
    func statisticsFingerprint() throws -> String
    /// Has the engine measure the tables again (`ANALYZE`), after many rows changed.
    func refreshStatistics() throws
    /// The engine's plan of a statement, one line per step, indented as a tree.
    func explainPlan(_ sql: String, _ arguments: [DatabaseValue]) throws -> [String]
}

extension ArchiveDatabase {
    /// Every row of a statement, as values.
    func allRows(_ sql: String, _ arguments: [DatabaseValue]) throws -> [[DatabaseValue]] {
        var rows: [[DatabaseValue]] = []
        try forEachRow(sql, arguments) { rows.append($0.values) }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    func firstValue(_ sql: String, _ arguments: [DatabaseValue]) throws -> DatabaseValue? {
        var value: DatabaseValue?
        try forEachRow(sql, arguments) { row in if value == nil { value = row.value(at: 0) } }
        return value
    }
}

extension ArchiveDatabase {
    /// Whether the archive has a table of this name (a newer schema's, say).
    public func tableExists(_ name: String) throws -> Bool {
        let sql: PortableSQL = switch dialect {
        case .sqlite: "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = \(name)"
        case .postgresql: "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(name)"
        }
        return try fetchValue(sql)?.integerValue ?? 0 > 0
    }

    /// Every row of a portable statement, as values.
    public func fetchAll(_ statement: PortableSQL) throws -> [[DatabaseValue]] {
        let (sql, arguments) = statement.rendered(in: dialect)
        return try allRows(sql, arguments)
    }

    /// The first row of a portable statement, or nil when it has none.
    public func fetchOne(_ statement: PortableSQL) throws -> [DatabaseValue]? {
        let (sql, arguments) = statement.rendered(in: dialect)
        var first: [DatabaseValue]?
        try forEachRow(sql, arguments) { row in if first == nil { first = row.values } }
        return first
    }

    /// The first column of the first row of a portable statement, or nil when it has no row.
    public func fetchValue(_ statement: PortableSQL) throws -> DatabaseValue? {
        try fetchOne(statement)?.first
    }

    /// Runs a portable statement that changes rows, and returns how many it changed.
    @discardableResult
    public func perform(_ statement: PortableSQL) throws -> Int {
        let (sql, arguments) = statement.rendered(in: dialect)
        return try execute(sql, arguments: arguments)
    }

    /// Runs a portable `INSERT … RETURNING id` and returns the new row's id.
    public func insertReturningID(_ statement: PortableSQL) throws -> Int64 {
        guard let id = try fetchValue(statement)?.integerValue else {
            throw UnexpectedResult("the insert returned no id")
        }
        return id
    }
}

/// A statement answered with something its caller did not expect (no row where one must be).
public struct UnexpectedResult: Error, CustomStringConvertible {
    /// What was expected and did not come, such as "the insert returned no id".
    public let description: String
    /// An error that says `description`.
    public init(_ description: String) { self.description = description }
}

extension ArchiveDatabase {
    /// Runs `body` with the triggers as they are (an engine whose triggers cost little per row).
    public func loadingChatsInBulk<T>(_ body: () throws -> T) throws -> T { try body() }

    /// Drops secondary indexes with `DROP INDEX`.
    public func drop(_ indexes: [SecondaryIndex]) throws {
        for index in indexes { try perform("DROP INDEX \(raw: index.name)") }
    }

    /// Creates the index with ``SecondaryIndex/creationUnlessItExists``.
    public func create(_ index: SecondaryIndex) throws {
        try perform("\(raw: index.creationUnlessItExists)")
    }
}

/// An index that only makes reads faster, with the statement that creates it.
public struct SecondaryIndex: Sendable, Equatable {
    /// Its name, from the database's own catalog.
    public let name: String
    /// The table it indexes.
    public let table: String
    /// The `CREATE INDEX` statement, as the database keeps it.
    public let creation: String

    /// An index named `name` of `table` that `creation` creates.
    public init(name: String, table: String, creation: String) {
        self.name = name
        self.table = table
        self.creation = creation
    }

    /// ``creation`` as `CREATE INDEX IF NOT EXISTS …` (a unique or otherwise different
    /// statement as it is).
    public var creationUnlessItExists: String {
        let prefix = "CREATE INDEX "
        return creation.hasPrefix(prefix) ? "CREATE INDEX IF NOT EXISTS " + creation.dropFirst(prefix.count) : creation
    }
}
