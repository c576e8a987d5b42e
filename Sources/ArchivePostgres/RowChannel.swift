import ArchiveCore
import Foundation
import PostgresNIO

/// Hands a statement's rows from the session's event loop to the thread that reads them, a
/// bounded number at a time.
///
/// PostgresNIO delivers rows to a callback on the event loop as they arrive. When the reader
/// falls behind, the callback waits here for room, which holds the event loop, so the socket is
/// not read and the server waits: backpressure, at the price of the event loop, which is why each
/// session has an event loop of its own.
final class RowChannel: @unchecked Sendable {
    /// Thrown into PostgresNIO's callback when the reader has stopped: it cancels the rest.
    struct Stopped: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var rows: [PostgresRow] = []
    private var end: Result<Void, any Error>?
    private var stopped = false

    init(capacity: Int) {
        self.capacity = capacity
        rows.reserveCapacity(capacity)
    }

    /// Event loop: adds a row, waiting while the channel is full.
    func push(_ row: PostgresRow) throws {
        condition.lock()
        defer { condition.unlock() }
        while rows.count >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        rows.append(row)
        if rows.count == 1 { condition.broadcast() }
    }

    /// Event loop: the statement completed, or failed.
    func finish(_ result: Result<Void, any Error>) {
        condition.lock()
        end = result
        condition.broadcast()
        condition.unlock()
    }

    /// Reader: the rows that arrived since the last call (waiting for at least one), or, once
    /// they are all taken, how the statement ended.
    func take() -> (rows: [PostgresRow], end: Result<Void, any Error>?) {
        condition.lock()
        defer { condition.unlock() }
        while rows.isEmpty && end == nil { condition.wait() }
        guard !rows.isEmpty else { return ([], end) }
        var taken: [PostgresRow] = []
        taken.reserveCapacity(capacity)
        swap(&taken, &rows)
        condition.broadcast()
        return (taken, nil)
    }

    /// Reader: no more rows are wanted; the event loop is released.
    func stop() {
        condition.lock()
        stopped = true
        rows.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
