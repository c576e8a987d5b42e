/// Where async callers (the server) read an archive: a pool of read-only connections.
///
/// Each call hands `body` one connection, on a thread of the adapter's own (never one of Swift's
/// cooperative threads, since the connections' calls block while the engine works), but for
/// ``readBriefly(_:)``, whose work is too short to be worth the hand-off.
public protocol DatabaseReader: Sendable {
    /// Runs `body` on a read-only connection and returns its result.
    func read<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T
    /// Runs `body` on a reader under a deadline: the engine stops the statement once `isExpired`
    /// says so (SQLite asks it while it works) or once the time limit of the reader's sessions has
    /// passed (PostgreSQL's `statement_timeout`); the error then has the kind ``DatabaseFailureKind/timeout``.
    func read<T: Sendable>(
        until isExpired: @escaping @Sendable () -> Bool, _ body: @escaping @Sendable (any ArchiveDatabase) throws -> T
    ) async throws -> T
    /// Runs `body`, a read that takes microseconds whatever the data (a lookup by key), on a
    /// read-only connection. An engine whose reads are local may run it on the calling thread,
    /// sparing the two thread hand-offs of ``read(_:)``, which cost more than such a read; a
    /// query whose time grows with the data belongs in ``read(until:_:)``.
    func readBriefly<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T
    /// Closes the connections; later calls fail.
    func close()
}

extension DatabaseReader {
    /// By default a brief read is an ordinary one, on the adapter's own threads.
    public func readBriefly<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T {
        try await read(body)
    }
}

/// Where async callers write an archive: one writer at a time, beside the readers.
public protocol DatabaseWriter: DatabaseReader {
    /// Runs `body` on the writer connection. Writes are acknowledged once durable, as the
    /// adapter's configuration says.
    func write<T: Sendable>(_ body: @escaping @Sendable (any ArchiveDatabase) throws -> T) async throws -> T
}
