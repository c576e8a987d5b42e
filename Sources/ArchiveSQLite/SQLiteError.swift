/// An error reported by SQLite, with everything needed to understand it.
///
/// Every failing SQLite call in this module throws an `SQLiteError` that keeps the primary and
/// extended result codes, SQLite's own message, and the SQL that was running (when there was one).
///
/// ```swift
/// do {
///     try connection.execute("INSERT INTO person(id) VALUES (1)")
/// } catch let error as SQLiteError where error.code ~= .constraint {
///     print(error.message)   // "UNIQUE constraint failed: person.id"
/// }
/// ```
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY`, …).
    public let extendedCode: ResultCode
    /// SQLite's message (`sqlite3_errmsg`), or a message of this module for errors it detects itself.
    public let message: String
    /// The SQL statement that failed, if the failure belongs to one.
    public let sql: String?

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public var code: ResultCode { extendedCode.primary }

    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    /// True when the statement was stopped by `sqlite3_interrupt` or a progress-handler deadline.
    public var isInterruption: Bool { code == .interrupt }

    /// True when a statement is past one of SQLite's size limits (too many parameters, an
    /// expression too deep, a string or blob too big): the query asked too much, the database
    /// is fine. See <https://www.sqlite.org/limits.html>.
    public var isOverLimit: Bool {
        code == .tooBig
            || (code == .error && ["too many SQL variables", "Expression tree is too large", "too many terms in compound SELECT", "too many columns"]
                .contains { message.hasPrefix($0) })
    }

    /// One line: the message, the code, and the SQL with its whitespace collapsed, shortened.
    public var description: String {
        var text = "\(message) (\(extendedCode.name))"
        if let sql {
            let oneLine = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            text += " in SQL: " + (oneLine.count > 200 ? oneLine.prefix(200) + "…" : oneLine)
        }
        return text
    }
}
