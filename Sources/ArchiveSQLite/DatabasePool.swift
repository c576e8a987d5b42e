import Synchronization

/// One writer connection and a pool of read-only connections to one database file in WAL mode,
/// so that readers run concurrently with each other and with the writer.
///
/// ```swift
/// let pool = try DatabasePool(path: "archive.sqlite", maximumReaderCount: 4)
/// let count = try await pool.read { connection in
///     try connection.scalar("SELECT count(*) FROM chat_session")?.integerValue ?? 0
/// }
/// try await pool.write { connection in
///     try connection.run("UPDATE associate SET is_active = 0 WHERE id = ?", [7])
/// }
/// ```
///
/// Each connection runs its work on its own serial queue, off Swift's cooperative thread pool, so a
/// long query blocks neither other readers nor async tasks (but for ``readOnCallingThread(_:)``,
/// for lookups of microseconds). Reader connections are opened lazily, up to
/// `maximumReaderCount`; when all are busy, a reader waits for the next one released.
/// Cancelling the task that waits for a result of ``read(_:)`` interrupts the running statement.
public final class DatabasePool: Sendable {
    /// The database file.
    public let path: String
    /// The most reader connections the pool opens.
    public let maximumReaderCount: Int

    private let configuration: Connection.Configuration
    private let writer: SerializedConnection
    private let state = Mutex(ReaderState())

    private struct ReaderState: ~Copyable {
        var idle: [SerializedConnection] = []
        var all: [SerializedConnection] = []
        var opening = 0
        /// Tasks waiting for a reader. A waiter resumed with nil decides again (capacity freed up).
        var waiters: [CheckedContinuation<SerializedConnection?, any Error>] = []
        var isClosed = false
    }

    /// Opens the writer connection (creating the file if needed and switching it to WAL).
    ///
    /// - Parameters:
    ///   - path: The database file. `:memory:` is refused: readers could not see the writer's data.
    ///   - maximumReaderCount: How many read-only connections may run at once (at least 1).
    ///   - configuration: Applied to every connection.
    public init(path: String, maximumReaderCount: Int, configuration: Connection.Configuration = Connection.Configuration()) throws {
        guard path != ":memory:", !path.isEmpty else {
            throw SQLiteError(code: .misuse, message: "a pool needs a database file; an in-memory database is private to one connection")
        }
        self.path = path
        self.maximumReaderCount = max(1, maximumReaderCount)
        self.configuration = configuration
        self.writer = try SerializedConnection(label: "archive.sqlite.writer") {
            try Connection(path: path, mode: .readWrite, configuration: configuration)
        }
    }

    /// Runs `body` with a read-only connection. Any attempt to write fails with `SQLITE_READONLY`.
    ///
    /// Statements `body` leaves unfinished are reset when it returns, so that the reader holds no
    /// snapshot of the database between uses.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let reader = try await checkOutReader()
        defer { checkIn(reader) }
        return try await reader.run { connection in
            defer { connection.resetAllStatements() }
            return try body(connection)
        }
    }

    /// Runs `body` with a read-only connection on the calling thread, which it blocks meanwhile
    /// (waiting for a free reader does not block). For reads that take microseconds, such as a
    /// lookup by key, where the hand-off to the reader's queue and back would cost more than
    /// the read; anything longer belongs in ``read(_:)``, which keeps Swift's cooperative
    /// threads free.
    public func readOnCallingThread<T: Sendable>(_ body: (Connection) throws -> T) async throws -> T {
        let reader = try await checkOutReader()
        defer { checkIn(reader) }
        return try reader.runBlocking { connection in
            defer { connection.resetAllStatements() }
            return try body(connection)
        }
    }

    /// Runs `body` with the single writer connection; writes are serialized.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try checkNotClosed()
        return try await writer.run { connection in
            defer { connection.resetAllStatements() }
            return try body(connection)
        }
    }

    /// Runs `body` with the writer connection, blocking the calling thread. For command-line code.
    public func writeBlocking<T>(_ body: (Connection) throws -> T) throws -> T {
        try checkNotClosed()
        return try writer.runBlocking(body)
    }

    /// The number of reader connections opened so far.
    public var openReaderCount: Int { state.withLock { $0.all.count } }

    /// Closes every connection. Work waiting for a reader fails; later calls fail with `SQLITE_MISUSE`.
    public func close() {
        let (readers, waiters, wasClosed) = state.withLock { state in
            let result = (state.all, state.waiters, state.isClosed)
            state.isClosed = true
            state.all = []
            state.idle = []
            state.waiters = []
            return result
        }
        guard !wasClosed else { return }
        for waiter in waiters { waiter.resume(throwing: Self.closedError) }
        for reader in readers { reader.close() }
        writer.close()
    }

    private static let closedError = SQLiteError(code: .misuse, message: "the database pool is closed")

    private func checkNotClosed() throws {
        if state.withLock({ $0.isClosed }) { throw Self.closedError }
    }

    // MARK: - Checking readers out and in

    private enum Checkout {
        case ready(SerializedConnection)
        case open
        case wait
        case closed
    }

    private func checkOutReader() async throws -> SerializedConnection {
        while true {
            let decision: Checkout = state.withLock { state in
                if state.isClosed { return .closed }
                if let reader = state.idle.popLast() { return .ready(reader) }
                if state.all.count + state.opening < maximumReaderCount {
                    state.opening += 1
                    return .open
                }
                return .wait
            }
            switch decision {
            case .ready(let reader):
                return reader
            case .closed:
                throw Self.closedError
            case .open:
                do {
                    let reader = try SerializedConnection(label: "archive.sqlite.reader") {
                        try Connection(path: path, mode: .readOnly, configuration: configuration)
                    }
                    let closed = state.withLock { state -> Bool in
                        state.opening -= 1
                        if !state.isClosed { state.all.append(reader) }
                        return state.isClosed
                    }
                    if closed {
                        reader.close()
                        throw Self.closedError
                    }
                    return reader
                } catch {
                    // The slot is free again: let one waiter try to open it.
                    let waiter = state.withLock { state in
                        state.opening -= 1
                        return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
                    }
                    waiter?.resume(returning: nil)
                    throw error
                }
            case .wait:
                let reader: SerializedConnection? = try await withCheckedThrowingContinuation { continuation in
                    let immediate: Result<SerializedConnection?, any Error>? = state.withLock { state in
                        if state.isClosed { return .failure(Self.closedError) }
                        // A reader may have come back, or a slot freed, between the decision and now.
                        if let reader = state.idle.popLast() { return .success(reader) }
                        if state.all.count + state.opening < maximumReaderCount { return .success(nil) }
                        state.waiters.append(continuation)
                        return nil
                    }
                    if let immediate { continuation.resume(with: immediate) }
                }
                if let reader { return reader }
            }
        }
    }

    private func checkIn(_ reader: SerializedConnection) {
        let waiter: CheckedContinuation<SerializedConnection?, any Error>? = state.withLock { state in
            guard !state.isClosed else { return nil }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(reader)
            return nil
        }
        waiter?.resume(returning: reader)
    }
}
