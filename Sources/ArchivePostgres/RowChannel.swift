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
///
/// A waiting reader is woken once ``batch`` rows have gathered, or at the end: waking it for
/// each row, as they arrive one by one, cost a 50-row page more thread switches than rows (on
/// two cores, a tenth of a millisecond; the rows of a socket read come within microseconds).
final class RowChannel: @unchecked Sendable {
    /// Thrown into PostgresNIO's callback when the reader has stopped: it cancels the rest.
    struct Stopped: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private let batch: Int
    // Guarded by `condition`.
    private var rows: [PostgresRow] = []
    private var end: Result<Void, any Error>?
    private var stopped = false
    private var readerWaits = false
    private var pusherWaits = false

    /// - Parameters:
    ///   - capacity: The most rows held (the event loop waits past it).
    ///   - batch: The rows that wake a waiting reader (at most `capacity`).
    init(capacity: Int, batch: Int = 64) {
        self.capacity = max(1, capacity)
        self.batch = min(max(1, batch), self.capacity)
        rows.reserveCapacity(self.capacity)
    }

    /// Event loop: adds a row, waiting while the channel is full.
    func push(_ row: PostgresRow) throws {
        condition.lock()
        defer { condition.unlock() }
        while rows.count >= capacity && !stopped {
            pusherWaits = true
            condition.wait()
            pusherWaits = false
        }
        if stopped { throw Stopped() }
        rows.append(row)
        if readerWaits && rows.count >= batch { condition.broadcast() }
    }

    /// Event loop: the statement completed, or failed.
    func finish(_ result: Result<Void, any Error>) {
        condition.lock()
        end = result
        if readerWaits { condition.broadcast() }
        condition.unlock()
    }

    /// Reader: the rows that arrived since the last call (waiting for a batch of them, or the
    /// end, when there are none), or, once they are all taken, how the statement ended.
    func take() -> (rows: [PostgresRow], end: Result<Void, any Error>?) {
        condition.lock()
        defer { condition.unlock() }
        // Rows already there are taken at once; only an empty channel waits.
        while rows.isEmpty && end == nil {
            readerWaits = true
            condition.wait()
            readerWaits = false
        }
        guard !rows.isEmpty else { return ([], end) }
        var taken: [PostgresRow] = []
        taken.reserveCapacity(capacity)
        swap(&taken, &rows)
        if pusherWaits { condition.broadcast() }
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
