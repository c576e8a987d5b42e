import ArchiveCore
import NIOCore
import PostgresNIO

/// Statements prepared on the server once per session and shape (a page's SQL text is the same
/// from page to page, only its values change), so that the server parses and plans them once
/// rather than on every run: planning was 0.5–1.3 ms of a 50-row page that runs in 0.3–1.0 ms.
///
/// Each runs with its generic plan unless timing shows its custom plans faster (``PlanChoice``);
/// the session switches `plan_cache_mode` only when the next statement needs the other mode.
extension PostgresSession {
    /// Runs a statement through its prepared statement, preparing it on first use.
    func forEachPreparedRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (PostgresResultRow) throws -> Void) throws {
        try Self.checkArgumentCount(arguments.count)
        let key = StatementShape(sql: sql, types: arguments.map(ParameterType.init))
        let values = arguments.map(ParameterType.data)
        var delivered = false
        do {
            try runPrepared(key, values) { row in
                delivered = true
                try body(row)
            }
        } catch let error as PostgresError where error.isStalePreparedStatement && !delivered {
            // Gone (`DEALLOCATE ALL`, `DISCARD ALL`), or its tables changed so that its rows would
            // change shape (a migration): prepared anew, once. In a transaction, which the
            // failure aborted, the next run prepares it.
            forget(key)
            guard transactionDepth == 0 else { throw error }
            try runPrepared(key, values, body)
        }
    }

    /// One run of the statement of `key`, in the mode its plan choice asks for, timed.
    private func runPrepared(_ key: StatementShape, _ values: [PostgresData], _ body: (PostgresResultRow) throws -> Void) throws {
        let (statement, wanted) = try preparedStatement(key)
        // Inside a transaction the mode stays as it is (a rollback would undo a change of it
        // unseen), and the run is not timed.
        let timed = transactionDepth == 0
        let start = ContinuousClock.now
        let switched = timed ? enter(wanted) : nil
        try stream(body, resultFormat: .binary) { onRow in statement.execute(values, onRow) }
        if let switched { confirm(switched, wanted) }
        if timed { statements.record(key, wanted, ContinuousClock.now - start) }
    }

    /// The statement prepared for `key` and the mode of its next run, prepared now if need be
    /// (evicting the least recently used one when the cache is full).
    private func preparedStatement(_ key: StatementShape) throws -> (PreparedQuery, PlanMode) {
        if let found = statements.statement(for: key) { return found }
        let statement: PreparedQuery
        do {
            statement = try connection.prepare(query: ParameterType.pinning(key.sql, to: key.types)).wait()
        } catch {
            throw PostgresError.from(error, doing: "the query")
        }
        if let evicted = statements.insert(statement, for: key) { deallocate(evicted) }
        return (statement, PlanChoice().next)
    }

    /// Forgets the statement of `key` and deallocates it on the server.
    func forget(_ key: StatementShape) {
        if let statement = statements.remove(key) { deallocate(statement) }
    }

    /// Frees a statement on the server. Not waited for: the connection sends it before the next
    /// statement, and closing a statement that is already gone is no error.
    private func deallocate(_ statement: PreparedQuery) {
        _ = statement.deallocate()
    }

    /// Puts the session in `mode`, unless it is in it already: sends the change without waiting
    /// for it (the connection runs it before the next statement, which saves a wait on the
    /// reply), and returns it for ``confirm(_:_:)`` once that statement is done.
    private func enter(_ mode: PlanMode) -> EventLoopFuture<PostgresQueryResult>? {
        guard planMode != mode else { return nil }
        planMode = nil  // unknown until confirmed
        return connection.query(PostgresQuery(unsafeSQL: mode.statement), logger: logger)
    }

    /// Notes the mode once its change succeeded (one that failed leaves the mode unknown, and
    /// the next run tries again; the statement's own failure, if any, is the one reported).
    private func confirm(_ change: EventLoopFuture<PostgresQueryResult>, _ mode: PlanMode) {
        planMode = (try? change.wait()) != nil ? mode : nil
    }

    /// How many statements the session holds prepared now.
    public var preparedStatementCount: Int { statements.count }
}
