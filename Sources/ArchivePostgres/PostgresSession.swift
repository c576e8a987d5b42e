public import ArchiveCore
public import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// One connection to a PostgreSQL archive, used by one thread at a time, that the provider
/// queries as it queries a SQLite ``Connection``.
///
/// Its calls block the calling thread while the server answers. The connection runs on an
/// event loop of the session's own, so waiting for it needs no other thread (any thread but that
/// event loop may call); async callers should still use ``PostgresPool``, which keeps the waits
/// off Swift's cooperative threads. Rows are handed over at most ``bufferedRows`` at a time as
/// the caller reads them (the rest wait in the socket), so a large result is never held whole.
public final class PostgresSession: ArchiveDatabase {
    /// Where the session is connected.
    public let address: PostgresAddress
    /// The most rows received and not yet read.
    public static let bufferedRows = 512

    let connection: PostgresConnection
    let logger: Logger
    /// One thread for the connection: a reader that falls behind holds it (see ``RowChannel``).
    private let eventLoopGroup: MultiThreadedEventLoopGroup

    /// Connects.
    ///
    /// - Parameters:
    ///   - statementTimeoutMilliseconds: The server stops a statement that runs longer
    ///     (`statement_timeout`); the error then says ``PostgresError/isQueryTimeout``. 0: no limit.
    ///   - applicationName: What `pg_stat_activity` shows for the session.
    ///   - statementCacheCapacity: The most statements ``forEachRow(_:_:_:)`` keeps prepared on
    ///     the server, each parsed once and run with its generic plan unless planning it for its
    ///     values proves faster (see `PostgresSession+Prepared.swift`). 0: every statement is
    ///     parsed and planned anew, as a one-off (a command's single query).
    /// - Throws: ``PostgresError`` when the server cannot be reached or refuses the login.
    public init(
        address: PostgresAddress, statementTimeoutMilliseconds: Int = 0, applicationName: String = "archive",
        statementCacheCapacity: Int = 0, logger: Logger = Logger(label: "archive.postgres")
    ) throws {
        var configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case let .tcp(host, port):
            configuration = .init(host: host, port: port, username: address.user, password: address.password, database: address.database, tls: .disable)
        case let .socket(path):
            configuration = .init(unixSocketPath: path, username: address.user, password: address.password, database: address.database)
        }
        // Timestamps without a zone are the archive's UTC; expressions that use the session's
        // zone must not depend on the server's default.
        configuration.options.additionalStartupParameters = [
            ("application_name", applicationName), ("TimeZone", "UTC"),
            ("statement_timeout", String(max(0, statementTimeoutMilliseconds))),
        ]
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: Self.nextID(), logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw PostgresError.from(error, doing: "connecting to \(address)")
        }
        eventLoopGroup = group
        self.address = address
        self.logger = logger
        statements = PreparedStatementCache(capacity: statementCacheCapacity)
    }

    deinit { close() }

    private var isClosed = false

    /// Closes the connection and stops its event loop; later calls fail.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        try? connection.close().wait()
        try? eventLoopGroup.syncShutdownGracefully()
    }

    public var dialect: SQLDialect { .postgresql }

    public var cacheIdentity: String? { address.description }

    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (PostgresResultRow) throws -> Void) throws {
        guard !isClosed else { throw PostgresError("the PostgreSQL session is closed") }
        if statements.capacity > 0 { return try forEachPreparedRow(sql, arguments, body) }
        let query = try Self.query(sql, arguments)
        try stream(body) { [connection, logger] onRow in connection.query(query, logger: logger, onRow).map { _ in } }
    }

    /// Hands the rows of the statement `start` sends to `body` as they arrive, at most
    /// ``bufferedRows`` waiting at a time.
    ///
    /// - Parameter resultFormat: The format of every cell, where the row's own word for it is
    ///   not to be trusted: PostgresNIO 1.33 asks for binary results always, but describes a
    ///   prepared statement's columns as text (vapor/postgres-nio#303, fixed by #671).
    func stream(
        _ body: (PostgresResultRow) throws -> Void, resultFormat: PostgresFormat? = nil,
        start: (@escaping @Sendable (PostgresRow) throws -> Void) -> EventLoopFuture<Void>
    ) throws {
        let channel = RowChannel(capacity: Self.bufferedRows)
        let done = start { row in try channel.push(row) }
        done.whenComplete { result in channel.finish(result) }
        while true {
            let (rows, end) = channel.take()
            do {
                for row in rows { try body(try PostgresResultRow(row, format: resultFormat)) }
            } catch {
                // A reader that stops early (by throwing) cancels the rest; the connection
                // drains it before the next statement. The reader's error is the one thrown.
                channel.stop()
                _ = try? done.wait()
                throw error
            }
            if let end {
                do { try end.get() } catch { throw PostgresError.from(error, doing: "the query") }
                return
            }
        }
    }

    /// Runs a statement that returns no rows of interest (DDL, writes).
    public func execute(_ sql: String, _ arguments: [DatabaseValue] = []) throws {
        _ = try execute(sql, arguments: arguments)
    }

    /// Runs a statement and returns the rows it changed (what the server's command tag counts).
    public func execute(_ sql: String, arguments: [DatabaseValue]) throws -> Int {
        guard !isClosed else { throw PostgresError("the PostgreSQL session is closed") }
        do {
            let metadata = try connection.query(try Self.query(sql, arguments), logger: logger) { _ in }.wait()
            return metadata.rows ?? 0
        } catch {
            throw PostgresError.from(error, doing: "the statement")
        }
    }

    public func inTransaction<T>(_ body: () throws -> T) throws -> T { try transaction(body) }

    /// Moves the identity's sequence past the largest id, never back: a row created later gets an
    /// id no row of the table has had (a sequence hands out each value once).
    public func advanceIdentity(of table: String) throws {
        try execute("""
            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), GREATEST(coalesce(max(id), 0) + 1, nextval(pg_get_serial_sequence('\(table)', 'id'))), false)
            FROM \(table)
            """)
    }

    public func foreignKeys(of table: String) throws -> [String: String] {
        var keys: [String: String] = [:]
        try forEachRow("""
            SELECT a.attname, c.confrelid::regclass::text FROM pg_constraint AS c
            JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.conrelid = to_regclass($1)
            """, [.text(table)]
        ) { row in
            if let column = row.string(at: 0), let target = row.string(at: 1) { keys[column] = target }
        }
        return keys
    }

    public func generatedColumns(of table: String) throws -> Set<String> {
        var columns: Set<String> = []
        try forEachRow(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND attgenerated <> ''", [.text(table)]
        ) { row in if let name = row.string(at: 0) { columns.insert(name) } }
        return columns
    }

    public func refreshStatistics() throws { try execute("ANALYZE") }

    public func secondaryIndexes() throws -> [SecondaryIndex] {
        var indexes: [SecondaryIndex] = []
        // Not unique, and backing no constraint (a primary key, a unique or exclusion constraint).
        try forEachRow("""
            SELECT c.relname, t.relname, pg_get_indexdef(i.indexrelid) FROM pg_index AS i
            JOIN pg_class AS c ON c.oid = i.indexrelid JOIN pg_class AS t ON t.oid = i.indrelid
            JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid)
            ORDER BY c.oid
            """, []) { row in
            if let name = row.string(at: 0), let table = row.string(at: 1), let creation = row.string(at: 2) {
                indexes.append(SecondaryIndex(name: name, table: table, creation: creation))
            }
        }
        return indexes
    }

    /// Creates the index unless it exists. PostgreSQL builds no index on a table with deferred
    /// trigger events still pending (the change feed's constraint triggers): they fire first, as
    /// they would at the commit.
    public func create(_ index: SecondaryIndex) throws {
        try execute("SET CONSTRAINTS ALL IMMEDIATE")
        try execute(index.creationUnlessItExists)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Called inside another transaction it runs in a savepoint of that one, so that a part
    /// (say, creating the schema during a load) never commits the whole early.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let depth = transactionDepth
        let (begin, commit, rollback) = depth == 0
            ? ("BEGIN", "COMMIT", "ROLLBACK")
            : ("SAVEPOINT archive_\(depth)", "RELEASE SAVEPOINT archive_\(depth)", "ROLLBACK TO SAVEPOINT archive_\(depth)")
        try execute(begin)
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            try execute(commit)
            return result
        } catch {
            try? execute(rollback)
            // A savepoint rolled back to stays open until released: release it, or they pile up.
            if depth > 0 { try? execute(commit) }
            throw error
        }
    }

    /// How many ``transaction(_:)`` calls are under way (only the session's caller touches it).
    private(set) var transactionDepth = 0

    /// The statements prepared on the server (only the session's caller touches them).
    var statements: PreparedStatementCache<PreparedQuery>
    /// How the server plans prepared statements now: nil before the first (the server's
    /// defaults), or when not known.
    var planMode: PlanMode?

    public func archiveStatistics() throws -> DatabaseStatistics { try PostgresStatistics.read(self) }

    public func statisticsFingerprint() throws -> String { try PostgresStatistics.fingerprint(self) }

    /// The plan for these values (EXPLAIN plans a statement anew, even where the session runs
    /// a prepared statement's generic plan).
    public func explainPlan(_ sql: String, _ arguments: [DatabaseValue]) throws -> [String] {
        var lines: [String] = []
        let query = try Self.query("EXPLAIN " + sql, arguments)
        try stream({ lines.append($0.string(at: 0) ?? "") }) { [connection, logger] onRow in
            connection.query(query, logger: logger, onRow).map { _ in }
        }
        return lines
    }

    /// The statement with its values bound: integers as `bigint`, reals as `double precision`,
    /// text as `text` (the renderer casts where the column's type differs).
    static func query(_ sql: String, _ arguments: [DatabaseValue]) throws -> PostgresQuery {
        try checkArgumentCount(arguments.count)
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The most values one statement may bind.
    public static let maximumArguments = 65_535

    /// Refuses a statement with more values than the protocol counts (in 16 bits; PostgresNIO
    /// would trap past it).
    static func checkArgumentCount(_ count: Int) throws {
        guard count <= maximumArguments else {
            throw PostgresError("the statement has \(count) values; PostgreSQL takes at most \(maximumArguments)", sqlState: "54000")
        }
    }

    private static let lastID = Atomic<Int>(0)
    private static func nextID() -> Int { lastID.add(1, ordering: .relaxed).newValue }
}
