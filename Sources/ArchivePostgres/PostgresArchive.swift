public import ArchiveCore

/// A PostgreSQL archive as the core's reader and writer: a pool of read-only sessions serves
/// reads, one session serves writes (so that writes are serialized as on SQLite).
///
/// The readers keep their statements prepared (see `PostgresSession+Prepared.swift`); the
/// writer plans each statement anew, as before: a write's statements run inside transactions,
/// where the readers' timing of generic against custom plans does not happen.
public final class PostgresArchive: DatabaseWriter {
    /// The read-only sessions.
    public let readers: PostgresPool
    /// The one writing session.
    public let writer: PostgresPool

    /// - Parameters:
    ///   - readerCount: The most read-only sessions open at once.
    ///   - statementTimeoutMilliseconds: Every session's `statement_timeout` (0: none).
    public init(address: PostgresAddress, readerCount: Int, statementTimeoutMilliseconds: Int) {
        readers = PostgresPool(
            address: address, maximumCount: readerCount, statementTimeoutMilliseconds: statementTimeoutMilliseconds, readOnly: true)
        writer = PostgresPool(
            address: address, maximumCount: 1, statementTimeoutMilliseconds: statementTimeoutMilliseconds, readOnly: false,
            statementCacheCapacity: 0)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await readers.withSession { try body($0) }
    }

    /// The deadline is the sessions' `statement_timeout`: the server stops the statement, and
    /// `isExpired` (asked by SQLite's adapter while it works) is not needed here.
    public func read<T: Sendable>(
        until isExpired: @escaping @Sendable () -> Bool, _ body: @escaping @Sendable (any ArchiveDatabase) throws -> T
    ) async throws -> T {
        try await read(body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await writer.withSession { try body($0) }
    }

    public func close() {
        readers.close()
        writer.close()
    }
}
