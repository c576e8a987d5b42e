internal import CSQLite

extension Connection {
    /// Runs `body` with a deadline: a statement still running when the deadline passes fails with
    /// `SQLITE_INTERRUPT` (see ``SQLiteError/isInterruption``).
    ///
    /// SQLite calls a progress handler every few thousand virtual-machine instructions; the handler
    /// compares the clock with the deadline and asks SQLite to stop once it has passed. This is how
    /// a query time limit is enforced without a second thread.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/progress_handler.html>
    public func withDeadline<T>(_ deadline: ContinuousClock.Instant, _ body: () throws -> T) rethrows -> T {
        let box = DeadlineBox(deadline: deadline)
        let context = Unmanaged.passRetained(box).toOpaque()
        sqlite3_progress_handler(handle, 4_000, { context in
            guard let context else { return 0 }
            let box = Unmanaged<DeadlineBox>.fromOpaque(context).takeUnretainedValue()
            return ContinuousClock.now >= box.deadline ? 1 : 0
        }, context)
        defer {
            sqlite3_progress_handler(handle, 0, nil, nil)
            Unmanaged<DeadlineBox>.fromOpaque(context).release()
        }
        return try body()
    }
}

private final class DeadlineBox {
    let deadline: ContinuousClock.Instant
    init(deadline: ContinuousClock.Instant) { self.deadline = deadline }
}
