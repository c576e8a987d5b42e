internal import CSQLite

extension Connection {
    /// Runs `body` with a deadline: a statement still running when the deadline passes fails with
    /// `SQLITE_INTERRUPT` (see ``SQLiteError/isInterruption``).
    ///
    /// SQLite calls a progress handler every few thousand virtual-machine instructions; the handler
    /// compares the clock with the deadline and asks SQLite to stop once it has passed. This is how
    /// a query time limit is enforced without a second thread. Deadlines nest: the earliest applies.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/progress_handler.html>
    public func withDeadline<T>(_ deadline: ContinuousClock.Instant, _ body: () throws -> T) rethrows -> T {
        try withStopCondition({ ContinuousClock.now >= deadline }, body)
    }

    /// Runs `body` while SQLite asks `shouldStop` every few thousand instructions; once it returns
    /// true, the running statement fails with `SQLITE_INTERRUPT`. Used for deadlines and for
    /// stopping long work (building indexes) when the user presses Ctrl-C. Conditions nest: any
    /// of them stops the statement.
    public func withStopCondition<T>(_ shouldStop: @escaping () -> Bool, _ body: () throws -> T) rethrows -> T {
        stopConditions.append(shouldStop)
        if stopConditions.count == 1 { installProgressHandler() }
        defer {
            stopConditions.removeLast()
            if stopConditions.isEmpty { sqlite3_progress_handler(handle, 0, nil, nil) }
        }
        return try body()
    }

    private func installProgressHandler() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(handle, 4_000, { context in
            guard let context else { return 0 }
            let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
            return connection.stopConditions.contains(where: { $0() }) ? 1 : 0
        }, context)
    }
}
