import ArchiveCore
import Dispatch
import Synchronization

/// A pool of sessions to one PostgreSQL archive for async callers (the server, the tests).
///
/// Each session does its work on a serial dispatch queue of its own, never on Swift's
/// cooperative threads: its calls block their thread while the server answers (see
/// ``PostgresSession``). Sessions are opened lazily, up to `maximumCount`; when all are busy, a
/// caller waits for the next one given back. A session whose connection failed is dropped and
/// replaced on the next use.
public final class PostgresPool: Sendable {
    public let address: PostgresAddress
    public let maximumCount: Int
    private let statementTimeoutMilliseconds: Int
    private let readOnly: Bool
    private let statementCacheCapacity: Int
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var idle: [Slot] = []
        var open = 0
        var waiters: [CheckedContinuation<Slot, any Error>] = []
        var isClosed = false
    }

    /// One session and the queue it runs on.
    final class Slot: @unchecked Sendable {
        let queue: DispatchQueue
        /// Touched only on `queue`.
        var session: PostgresSession?
        init(label: String) { queue = DispatchQueue(label: label) }
    }

    /// How many prepared statements each session keeps by default.
    ///
    /// A page's prepared statement holds its query tree and generic plan in the server's memory:
    /// 2.6 MB for the six standard orders' pages, 0.43 MB each on average
    /// (`pg_backend_memory_contexts`, contexts `CachedPlan*`). At 32, a session's statements
    /// take the server some 14 MB at most.
    public static let defaultStatementCacheCapacity = 32

    /// - Parameters:
    ///   - statementTimeoutMilliseconds: `statement_timeout` of every session (0: none).
    ///   - readOnly: Sessions refuse writes (`default_transaction_read_only`), as SQLite's
    ///     reader connections do.
    ///   - statementCacheCapacity: How many statements each session keeps prepared (0: none,
    ///     each statement planned anew); see ``PostgresSession/init(address:statementTimeoutMilliseconds:applicationName:statementCacheCapacity:logger:)``.
    public init(
        address: PostgresAddress, maximumCount: Int, statementTimeoutMilliseconds: Int = 0, readOnly: Bool = true,
        statementCacheCapacity: Int = defaultStatementCacheCapacity
    ) {
        self.address = address
        self.maximumCount = max(1, maximumCount)
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.readOnly = readOnly
        self.statementCacheCapacity = statementCacheCapacity
    }

    /// Runs `body` with a session of the pool, on that session's own queue.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        let slot = try await checkOut()
        var broken = false
        defer { checkIn(slot, broken: broken) }
        let address = address
        let timeout = statementTimeoutMilliseconds
        let readOnly = readOnly
        let capacity = statementCacheCapacity
        do {
            return try await withCheckedThrowingContinuation { continuation in
                slot.queue.async {
                    continuation.resume(with: Result {
                        if slot.session == nil {
                            let session = try PostgresSession(
                                address: address, statementTimeoutMilliseconds: timeout, statementCacheCapacity: capacity)
                            if readOnly { try session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
                            slot.session = session
                        }
                        return try body(slot.session!)
                    })
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            // No answer from the server (or a broken connection): this session is not reused.
            broken = true
            throw error
        }
    }

    /// Closes every idle session; sessions in use close when given back. Later calls fail.
    public func close() {
        let (idle, waiters) = state.withLock { state in
            state.isClosed = true
            let result = (state.idle, state.waiters)
            state.idle = []
            state.waiters = []
            return result
        }
        for waiter in waiters { waiter.resume(throwing: PostgresError("the PostgreSQL pool is closed")) }
        for slot in idle { slot.queue.sync { slot.session?.close(); slot.session = nil } }
    }

    private func checkOut() async throws -> Slot {
        do {
            enum Decision { case use(Slot), open, wait }
            let decision: Decision = try state.withLock { state in
                if state.isClosed { throw PostgresError("the PostgreSQL pool is closed") }
                if let slot = state.idle.popLast() { return .use(slot) }
                if state.open < maximumCount {
                    state.open += 1
                    return .open
                }
                return .wait
            }
            switch decision {
            case .use(let slot): return slot
            case .open: return Slot(label: "archive.postgres.session")
            case .wait:
                return try await withCheckedThrowingContinuation { continuation in
                    let closed = state.withLock { state in
                        if state.isClosed { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if closed { continuation.resume(throwing: PostgresError("the PostgreSQL pool is closed")) }
                }
            }
        }
    }

    private func checkIn(_ slot: Slot, broken: Bool) {
        if broken { slot.queue.async { slot.session?.close(); slot.session = nil } }
        let (waiter, closeIt): (CheckedContinuation<Slot, any Error>?, Bool) = state.withLock { state in
            if state.isClosed {
                state.open -= 1
                return (nil, true)
            }
            if !state.waiters.isEmpty { return (state.waiters.removeFirst(), false) }
            state.idle.append(slot)
            return (nil, false)
        }
        if closeIt { slot.queue.async { slot.session?.close(); slot.session = nil } }
        waiter?.resume(returning: slot)
    }
}
