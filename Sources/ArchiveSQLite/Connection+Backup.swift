internal import CSQLite

extension Connection {
    /// Copies this database, page by page, into `destination` (replacing what it held), while
    /// other connections may go on reading this one.
    ///
    /// ```swift
    /// let copy = try Connection(path: ":memory:")
    /// try template.copy(into: copy)   // a private, writable copy of a prepared database
    /// ```
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/backup.html>
    ///
    /// - Throws: An ``SQLiteError`` from the destination, such as `SQLITE_BUSY` when it is in use.
    public func copy(into destination: Connection) throws {
        try checkOpen(nil)
        try destination.checkOpen(nil)
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.lastError(code: sqlite3_errcode(destination.handle), sql: nil)
        }
        // -1: every page in one step. The backup object is freed by finish whatever happens.
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
            throw destination.lastError(code: stepped == SQLITE_DONE ? finished : stepped, sql: nil)
        }
    }
}
