public import ArchiveCore
internal import CSQLite

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One connection to an SQLite database file.
///
/// A connection opens the file read-write (creating it when missing) or read-only, and configures
/// it the way this engine needs: WAL journal for writers, a busy timeout, foreign keys on, and
/// extended result codes. It owns a cache of prepared statements keyed by SQL text.
///
/// ```swift
/// let connection = try Connection(path: "archive.sqlite")
/// try connection.execute("CREATE TABLE IF NOT EXISTS note(id INTEGER PRIMARY KEY, text TEXT)")
/// try connection.run("INSERT INTO note(text) VALUES (?)", ["hello"])
/// let count = try connection.scalar("SELECT count(*) FROM note")?.integerValue
/// ```
///
/// A connection is not thread-safe (it is opened in SQLite's multi-thread mode) and is not
/// `Sendable`: use it from one thread at a time. ``DatabasePool`` shares connections safely
/// between tasks.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/open.html>
public final class Connection {
    /// How the database file is opened.
    public enum Mode: Sendable, Equatable {
        /// Read and write; the file is created when it does not exist.
        case readWrite
        /// Read only; the file must exist, and every write fails with `SQLITE_READONLY`.
        case readOnly
    }

    /// Options applied when a connection opens.
    public struct Configuration: Sendable {
        /// How long a statement waits for a lock held by another connection before failing with
        /// `SQLITE_BUSY`. Zero fails at once.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// Whether writers switch the file to WAL journal mode (readers then run beside the writer).
        public var useWAL = true
        /// Whether `PRAGMA foreign_keys` is turned on.
        public var foreignKeys = true
        /// How many prepared statements ``Connection/cachedStatement(_:)`` keeps.
        public var statementCacheCapacity = 128
        /// Bytes of the file SQLite reads through a memory map instead of `read` calls (0: none).
        /// Readers of a large archive spend less time copying pages with it.
        public var memoryMapSize: Int64 = 0
        /// The page cache, in KiB (SQLite's default is 2,000 KiB).
        public var cacheSizeKiB: Int = 2_000
        /// `PRAGMA synchronous` for a read-write connection; nil keeps SQLite's default (FULL).
        /// In WAL mode, FULL makes each commit durable before it returns, even across a power
        /// loss; NORMAL survives a crash of the process but may lose the last commits to a power
        /// loss. See <https://www.sqlite.org/pragma.html#pragma_synchronous>.
        public var synchronous: Synchronous?
        /// Whether SQLite keeps its temporary files in memory (`PRAGMA temp_store = MEMORY`):
        /// the statement journals of a long transaction whose writes fire triggers (or have a
        /// `RETURNING` clause), and sorts. On disk, once a journal outgrows 64 KiB, each later
        /// statement of the transaction writes its journal to a file with a system call per page.
        /// An index build (`create(_:)`) sorts on disk all the same.
        public var temporaryFilesInMemory = false

        /// The values of `PRAGMA synchronous` that matter in WAL mode.
        public enum Synchronous: String, Sendable {
            case normal = "NORMAL"
            case full = "FULL"
        }

        public init() {}
    }

    /// The path the connection was opened with (`:memory:` for an in-memory database).
    public let path: String
    /// The mode the connection was opened with.
    public let mode: Mode

    let handle: OpaquePointer
    var statementCache: StatementCache
    /// ``Configuration/temporaryFilesInMemory`` of the connection.
    let temporaryFilesInMemory: Bool
    /// The progress-handler conditions of ``withStopCondition(_:_:)``, innermost last.
    var stopConditions: [() -> Bool] = []
    private var savepointCounter = 0
    /// True once ``close()`` has run; every later use throws `SQLITE_MISUSE`.
    public private(set) var isClosed = false

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - path: The database file, or `:memory:` for a private in-memory database.
    ///   - mode: Read-write (creating the file) or read-only.
    ///   - configuration: Busy timeout, journal mode, foreign keys, statement-cache size.
    /// - Throws: An ``SQLiteError``: `SQLITE_CANTOPEN` for a missing file (read-only) or a missing
    ///   directory, `SQLITE_NOTADB` for a file that is not a database, `SQLITE_BUSY` when the
    ///   journal mode cannot be changed because another connection holds a lock.
    public init(path: String, mode: Mode = .readWrite, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.mode = mode
        self.temporaryFilesInMemory = configuration.temporaryFilesInMemory
        let flags: Int32 =
            (mode == .readWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)
            | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        SQLiteLibrary.prepare()
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            // > Whether or not an error occurs when it is opened, resources associated with the
            // > database connection handle should be released by passing it to sqlite3_close().
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            let extended = db.map { sqlite3_extended_errcode($0) } ?? code
            sqlite3_close(db)
            throw SQLiteError(code: ResultCode(rawValue: extended), message: Self.explainOpenFailure(message, path: path, mode: mode))
        }
        self.handle = db
        self.statementCache = StatementCache(capacity: configuration.statementCacheCapacity)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, configuration.busyTimeoutMilliseconds)
        do {
            // Reading the schema makes SQLite read the file header, so a file that is not a database
            // fails here with SQLITE_NOTADB rather than on the caller's first query.
            _ = try scalar("PRAGMA schema_version")
            if configuration.foreignKeys { try execute("PRAGMA foreign_keys = ON") }
            if configuration.memoryMapSize > 0 { _ = try scalar("PRAGMA mmap_size = \(configuration.memoryMapSize)") }
            if configuration.temporaryFilesInMemory { try execute("PRAGMA temp_store = MEMORY") }
            if configuration.cacheSizeKiB != 2_000 { try execute("PRAGMA cache_size = -\(max(1, configuration.cacheSizeKiB))") }
            if mode == .readWrite && configuration.useWAL && path != ":memory:" && !path.isEmpty {
                _ = try scalar("PRAGMA journal_mode = WAL")
            }
            if mode == .readWrite, let synchronous = configuration.synchronous { try execute("PRAGMA synchronous = \(synchronous.rawValue)") }
        } catch let error as SQLiteError {
            close()
            if error.code == .notADatabase {
                throw SQLiteError(code: error.extendedCode, message: "\(path) is not an SQLite database (\(error.message))")
            }
            throw error
        }
    }

    deinit { close() }

    /// Closes the connection, finalizing its cached statements. Further use is a programming error.
    ///
    /// Statements prepared outside the cache that are still alive keep the connection open until
    /// they are released (`sqlite3_close_v2` semantics).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: - Executing SQL

    /// Executes one or more SQL statements separated by semicolons, discarding any rows.
    ///
    /// - Throws: An ``SQLiteError`` naming the statement that failed.
    public func execute(_ sql: String) throws {
        try checkOpen(sql)
        var utf8 = Array(sql.utf8CString)
        try utf8.withUnsafeMutableBufferPointer { buffer in
            guard var cursor = UnsafePointer(buffer.baseAddress) else { return }
            while cursor.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, cursor, -1, &statement, &tail)
                guard code == SQLITE_OK else {
                    // A failed prepare leaves no reliable end of statement: report the rest of the script.
                    throw lastError(code: code, sql: String(cString: cursor).trimmingWhitespace())
                }
                defer { sqlite3_finalize(statement) }
                if let statement {
                    var stepCode = sqlite3_step(statement)
                    while stepCode == SQLITE_ROW { stepCode = sqlite3_step(statement) }
                    guard stepCode == SQLITE_DONE else {
                        throw lastError(code: stepCode, sql: String(cString: sqlite3_sql(statement)))
                    }
                }
                guard let tail else { break }
                cursor = tail
            }
        }
    }

    /// Prepares, binds and runs one statement to completion, discarding any rows.
    ///
    /// The statement comes from the cache, so running the same SQL again does not prepare it again.
    public func run(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.runToCompletion()
    }

    /// Runs a query and returns the first column of its first row, or nil when there is no row.
    public func scalar(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> DatabaseValue? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step() ? statement.value(at: 0) : nil
    }

    /// Runs a query and returns every row as an array of values.
    public func rows(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> [[DatabaseValue]] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        var result: [[DatabaseValue]] = []
        try statement.forEachRow { row in result.append(row.values) }
        return result
    }

    /// Prepares a statement that the caller owns (not cached).
    public func prepare(_ sql: String) throws -> Statement {
        try checkOpen(sql)
        return try Statement(connection: self, sql: sql, persistent: false)
    }

    // MARK: - State

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// False while a transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The version of the SQLite library in use, such as `3.40.1`.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    /// A handle that interrupts this connection's running statement from any thread.
    public var interruptHandle: InterruptHandle { InterruptHandle(handle: handle) }

    /// Resets every statement of this connection that is still being stepped, so that none keeps
    /// a read transaction (and its snapshot) open. Pools call it when a connection comes back.
    public func resetAllStatements() {
        var statement = sqlite3_next_stmt(handle, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 { sqlite3_reset(current) }
            statement = sqlite3_next_stmt(handle, current)
        }
    }

    /// Row counts of every table, by name.
    public func tableRowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let tables = try rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        for table in tables.compactMap({ $0[0].textValue }) {
            let quoted = "\"" + table.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
            counts[table] = Int(try scalar("SELECT count(*) FROM \(quoted)")?.integerValue ?? 0)
        }
        return counts
    }

    // MARK: - Errors

    func checkOpen(_ sql: String?) throws {
        if isClosed { throw SQLiteError(code: .misuse, message: "the connection to \(path) is closed", sql: sql) }
    }

    func lastError(code: Int32, sql: String?) -> SQLiteError {
        let extended = sqlite3_extended_errcode(handle)
        // The connection's error state can be stale when the code came from elsewhere; trust the code.
        let resolved = (extended & 0xFF) == (code & 0xFF) ? extended : code
        return SQLiteError(code: ResultCode(rawValue: resolved), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    func nextSavepointName() -> String {
        savepointCounter += 1
        return "archive_savepoint_\(savepointCounter)"
    }

    /// Adds the path, and the likely cause, to SQLite's terse "unable to open database file".
    private static func explainOpenFailure(_ message: String, path: String, mode: Mode) -> String {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        if access(directory, F_OK) != 0 {
            return "\(message): the directory \(directory) does not exist (path: \(path))"
        }
        if mode == .readOnly && access(path, F_OK) != 0 {
            return "\(message): no such file \(path)"
        }
        if access(path, F_OK) == 0 && access(path, R_OK) != 0 {
            return "\(message): no permission to read \(path)"
        }
        return "\(message) (path: \(path))"
    }
}

@available(*, unavailable)
extension Connection: Sendable {}

/// Interrupts the statement a connection is running, from any thread.
///
/// `sqlite3_interrupt` is the one SQLite call that is safe to make from another thread while the
/// connection is in use. The handle must not be used after the connection is closed.
public struct InterruptHandle: @unchecked Sendable {
    let handle: OpaquePointer

    /// Makes the connection's running statement fail with `SQLITE_INTERRUPT` as soon as possible.
    public func interrupt() { sqlite3_interrupt(handle) }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension Connection.Configuration {
    /// The configuration of connections that serve queries: a 1 GiB memory map and a 64 MiB
    /// page cache.
    public static var reading: Connection.Configuration {
        var configuration = Connection.Configuration()
        configuration.memoryMapSize = 1 << 30
        configuration.cacheSizeKiB = 65_536
        return configuration
    }

    /// The configuration of a command's writer (an import, a migration): a 256 MiB page cache,
    /// so that a long transaction keeps the index pages it changes instead of writing them out
    /// and reading them back, and temporary files in memory.
    public static var bulkWriting: Connection.Configuration {
        var configuration = Connection.Configuration()
        configuration.cacheSizeKiB = 262_144
        configuration.temporaryFilesInMemory = true
        return configuration
    }
}
