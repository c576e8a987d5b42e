public import ArchiveCore
import ArchivePostgres
import ArchiveSchema
import ArchiveSQLite
import Foundation

/// The one place that knows the engines: opens an archive from a ``ArchiveLocation`` as the
/// core's reader, writer or connection. Everything above it (the server, the commands) works on
/// those and never names an engine.
public enum Archives {
    /// How a server's archive is opened.
    public struct ServingOptions: Sendable {
        /// How many read-only connections serve requests at once (on PostgreSQL, the pool's size).
        public var readerCount = 8
        /// How long one statement may run: PostgreSQL's `statement_timeout` (SQLite's limit is
        /// kept by the server, which asks while the statement works).
        public var queryTimeout: Duration = .seconds(10)
        /// When a write is acknowledged (SQLite; PostgreSQL commits durably).
        public var durability: Durability = .full

        public init() {}
    }

    /// When a write to a SQLite archive is acknowledged.
    public enum Durability: String, Sendable, CaseIterable {
        /// Once on disk: survives a crash of the server or of the machine (`synchronous=FULL`).
        case full
        /// Survives a crash of the server, not of the machine; faster commits (`synchronous=NORMAL`).
        case normal
    }

    /// What a command does with the archive it opens.
    public enum Access: Sendable {
        /// Reads a current archive (read-only connection).
        case read
        /// Reads and writes a current archive (``migrate(_:backup:)`` makes one where there is none).
        case write
    }

    /// Opens a current archive for a server: a pool of readers and one writer.
    ///
    /// - Throws: ``ArchiveLocationError`` for a file that does not exist, `SchemaError` for a
    ///   database that is not a current archive, the engine's ``DatabaseFailure`` when it cannot
    ///   be reached.
    public static func open(_ location: ArchiveLocation, options: ServingOptions = ServingOptions()) throws -> any DatabaseWriter {
        switch location.place {
        case .file(let path):
            try requireCurrentArchive(path)
            var configuration = Connection.Configuration.reading
            configuration.busyTimeoutMilliseconds = 5_000
            configuration.synchronous = options.durability == .full ? .full : .normal
            return try SQLiteArchive(path: path, maximumReaderCount: options.readerCount, configuration: configuration)
        case .postgres(let address):
            // Refuses an unreachable server or a database that is not a current archive now,
            // rather than on the first request.
            let check = try PostgresSession(address: address)
            defer { check.close() }
            try PostgresMigrator.requireCurrent(check)
            let timeout = options.queryTimeout.components
            let milliseconds = Int(timeout.seconds) * 1_000 + Int(timeout.attoseconds / 1_000_000_000_000_000)
            return PostgresArchive(address: address, readerCount: options.readerCount, statementTimeoutMilliseconds: max(1, milliseconds))
        }
    }

    /// Runs `body` on one connection to the archive, for a command, and closes it.
    ///
    /// - Throws: as ``open(_:options:)``.
    public static func withDatabase<T>(_ location: ArchiveLocation, _ access: Access, _ body: (any ArchiveDatabase) throws -> T) throws -> T {
        switch location.place {
        case .file(let path):
            let connection = try sqliteConnection(path, access)
            defer { connection.close() }
            return try body(connection)
        case .postgres(let address):
            let session = try PostgresSession(address: address)
            defer { session.close() }
            try PostgresMigrator.requireCurrent(session)
            // A reader: the session refuses writes, as the SQLite connection is opened read-only.
            if access == .read { try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
            return try body(session)
        }
    }

    /// Runs `body` on an empty archive of the current schema that lives only as long as the call
    /// (to ask the schema what it has).
    public static func withEmptyArchive<T>(_ body: (any ArchiveDatabase) throws -> T) throws -> T {
        let connection = try Connection(path: ":memory:")
        defer { connection.close() }
        try Migrator.migrate(connection)
        return try body(connection)
    }

    private static func sqliteConnection(_ path: String, _ access: Access) throws -> Connection {
        switch access {
        case .read:
            try requireFile(path)
            let connection = try Connection(path: path, mode: .readOnly, configuration: .reading)
            try closing(connection) { try Migrator.requireCurrent($0) }
            return connection
        case .write:
            try requireCurrentArchive(path)
            return try Connection(path: path, mode: .readWrite, configuration: .bulkWriting)
        }
    }

    /// Checks that the file is a current archive without writing to it: a connection that may
    /// write turns WAL on as it opens, which must not happen to another program's database.
    private static func requireCurrentArchive(_ path: String) throws {
        try requireFile(path)
        let check = try Connection(path: path, mode: .readOnly, configuration: .reading)
        defer { check.close() }
        try Migrator.requireCurrent(check)
    }

    /// Runs a check on a connection just opened, closing it when the check fails.
    private static func closing(_ connection: Connection, _ check: (Connection) throws -> Void) throws {
        do { try check(connection) } catch {
            connection.close()
            throw error
        }
    }

    static func requireFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ArchiveLocationError("no such file: \(path)") }
        guard !isDirectory.boolValue else { throw ArchiveLocationError("\(path) is a directory, not an archive file") }
    }
}
