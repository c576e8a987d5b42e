public import ArchiveCore

extension Row: ResultRow {}

/// A SQLite connection is an archive database: the provider queries it in the SQLite dialect.
extension Connection: ArchiveDatabase {
    public var dialect: SQLDialect { .sqlite }

    public var cacheIdentity: String? { path.isEmpty || path == ":memory:" ? nil : path }

    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws {
        // A cached statement that is still being read (a nested query) is prepared anew.
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.forEachRow(body)
    }

    public func execute(_ sql: String, arguments: [DatabaseValue]) throws -> Int {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.forEachRow { _ in }
        return changes
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so that it never
    /// fails half-way for another writer; nested, a savepoint.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        isAutocommit ? try transaction(.immediate, body) : try savepoint(body)
    }

    /// Nothing to do: a new row's id is worked out when it is inserted, past both the largest id
    /// the table holds and the largest it ever deleted (`SQLDialect.newID`, `V005__ids_never_reused.sql`).
    public func advanceIdentity(of table: String) throws {}

    public func foreignKeys(of table: String) throws -> [String: String] {
        var keys: [String: String] = [:]
        for row in try rows("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", [table]) {
            if let column = row[0].textValue, let target = row[1].textValue { keys[column] = target }
        }
        return keys
    }

    public func generatedColumns(of table: String) throws -> Set<String> {
        Set(try rows("SELECT name FROM pragma_table_xinfo(?) WHERE hidden IN (2, 3)", [table]).compactMap { $0[0].textValue })
    }

    public func refreshStatistics() throws { try execute("ANALYZE") }

    /// Creates the index unless it exists, sorting its entries in temporary files on disk even
    /// on a connection that keeps them in memory (``Connection/Configuration/temporaryFilesInMemory``):
    /// a sort in memory would hold the whole index. The connection's own setting comes back after.
    public func create(_ index: SecondaryIndex) throws {
        guard temporaryFilesInMemory else { return try execute(index.creationUnlessItExists) }
        try execute("PRAGMA temp_store = FILE")
        // Were this to fail, later statement journals would go to disk: slower, never wrong.
        defer { try? execute("PRAGMA temp_store = MEMORY") }
        try execute(index.creationUnlessItExists)
    }

    public func secondaryIndexes() throws -> [SecondaryIndex] {
        // Indexes SQLite makes itself (for PRIMARY KEY and UNIQUE constraints) have no SQL.
        try rows("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY rowid").compactMap { row in
            guard let name = row[0].textValue, let table = row[1].textValue, let sql = row[2].textValue else { return nil }
            return SecondaryIndex(name: name, table: table, creation: sql)
        }
    }

    public func archiveStatistics() throws -> DatabaseStatistics { try SQLiteStatistics.read(self) }

    public func statisticsFingerprint() throws -> String { try SQLiteStatistics.fingerprint(self) }

    /// `EXPLAIN QUERY PLAN`, one line per step, indented as a tree.
    public func explainPlan(_ sql: String, _ arguments: [DatabaseValue]) throws -> [String] {
        var depth: [Int64: Int] = [0: -1]
        var lines: [String] = []
        try forEachRow("EXPLAIN QUERY PLAN " + sql, arguments) { step in
            let level = (depth[step.int64(at: 1)] ?? -1) + 1
            depth[step.int64(at: 0)] = level
            lines.append(String(repeating: "  ", count: level) + (step.string(at: 3) ?? ""))
        }
        return lines
    }
}

extension SQLiteError: DatabaseFailure {
    public var failureKind: DatabaseFailureKind {
        if isInterruption { return .timeout }
        if isOverLimit { return .tooLarge }
        switch code {
        case .busy, .locked: return .busy
        case .constraint: return .constraint
        case .cantOpen: return .unavailable
        case .readOnly: return .readOnly
        default: return .other
        }
    }

    /// The `table.column` of SQLite's constraint message ("UNIQUE constraint failed: associate.user_name").
    public var constraintColumn: String? {
        guard code == .constraint, let colon = message.lastIndex(of: ":") else { return nil }
        let column = message[message.index(after: colon)...].drop(while: { $0 == " " })
        return column.contains(".") && !column.contains(" ") ? String(column) : nil
    }
}
