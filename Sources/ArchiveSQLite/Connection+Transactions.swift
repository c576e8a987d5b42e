/// How a transaction takes its locks.
///
/// Related SQLite documentation: <https://www.sqlite.org/lang_transaction.html>
public enum TransactionKind: String, Sendable {
    /// Locks are taken when the first read or write happens.
    case deferred = "DEFERRED"
    /// The write lock is taken at once, so the transaction cannot fail later with `SQLITE_BUSY`
    /// on its first write.
    case immediate = "IMMEDIATE"
    /// Like immediate; in WAL mode the same as immediate.
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` inside a transaction: committed when `body` returns, rolled back when it throws.
    ///
    /// ```swift
    /// try connection.transaction(.immediate) {
    ///     try connection.run("INSERT INTO note(text) VALUES (?)", ["a"])
    ///     try connection.run("INSERT INTO note(text) VALUES (?)", ["b"])
    /// }
    /// ```
    ///
    /// - Throws: The error `body` threw (after rolling back), or an ``SQLiteError`` from BEGIN or COMMIT.
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            let result = try body()
            try execute("COMMIT TRANSACTION")
            return result
        } catch {
            // COMMIT can fail too (SQLITE_BUSY); the transaction is then still open.
            if !isAutocommit { try? execute("ROLLBACK TRANSACTION") }
            throw error
        }
    }

    /// Runs `body` inside a savepoint, which may be nested in a transaction or in another savepoint.
    /// The savepoint is released when `body` returns and rolled back when it throws; an enclosing
    /// transaction goes on either way.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        let name = nextSavepointName()
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            try? execute("ROLLBACK TO SAVEPOINT \(name)")
            try? execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }
}
