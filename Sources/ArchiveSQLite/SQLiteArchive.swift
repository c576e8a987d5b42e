public import ArchiveCore

/// A SQLite archive file as the core's reader and writer: the ``DatabasePool``'s read-only
/// connections serve reads, its one writer connection serves writes.
public final class SQLiteArchive: DatabaseWriter {
    /// The connections.
    public let pool: DatabasePool

    /// Opens the pool on `path` with `configuration` for every connection.
    public init(path: String, maximumReaderCount: Int, configuration: Connection.Configuration) throws {
        pool = try DatabasePool(path: path, maximumReaderCount: maximumReaderCount, configuration: configuration)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await pool.read { try body($0) }
    }

    /// The deadline is SQLite's progress handler: it asks `isExpired` every few thousand
    /// instructions of the running statement, so time spent outside SQLite does not count.
    public func read<T: Sendable>(
        until isExpired: @escaping @Sendable () -> Bool, _ body: @escaping @Sendable (any ArchiveDatabase) throws -> T
    ) async throws -> T {
        try await pool.read { connection in try connection.withStopCondition(isExpired) { try body(connection) } }
    }

    /// On the calling thread: SQLite reads a local file, and a lookup by key takes less time
    /// than handing the work to a reader's queue and back.
    public func readBriefly<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await pool.readOnCallingThread { try body($0) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await pool.write { try body($0) }
    }

    public func close() { pool.close() }
}
