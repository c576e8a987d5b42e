public import ArchiveCore
import PostgresNIO

/// What went wrong talking to PostgreSQL, in words (PostgresNIO's own errors print a generic
/// text on purpose, so the server's message and SQLSTATE are copied out here).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The server's message, or what failed on this side.
    public let message: String
    /// The server's SQLSTATE (`57014`: the statement was cancelled), when the server answered.
    public let sqlState: String?
    /// The server's detail and hint, when it gave them.
    public let detail: String?

    public init(_ message: String, sqlState: String? = nil, detail: String? = nil, constraintColumn: String? = nil) {
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.constraintColumn = constraintColumn
    }

    /// True when the statement ran past `statement_timeout` (or was cancelled).
    public var isQueryTimeout: Bool { sqlState == "57014" }

    /// True when the statement is larger than the server takes (too many values, too complex).
    public var isOverLimit: Bool { sqlState?.hasPrefix("54") == true }

    /// True when the connection failed or was never made (no answer from the server, or a
    /// connection exception): the session cannot be used again.
    public var isConnectionFailure: Bool { sqlState == nil || sqlState?.hasPrefix("08") == true }

    /// For a constraint failure, the `table.column` it is on, when the server names them.
    public let constraintColumn: String?

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail { text += ": " + detail }
        return text
    }

    /// The error as this engine reports it, whatever PostgresNIO threw.
    static func from(_ error: any Error, doing what: String) -> PostgresError {
        if let error = error as? PostgresError { return error }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let detail = [info[.detail], info[.hint]].compactMap { $0 }.joined(separator: "; ")
                return PostgresError(
                    info[.message] ?? "the server refused \(what)", sqlState: info[.sqlState], detail: detail.isEmpty ? nil : detail,
                    constraintColumn: constraintColumn(table: info[.tableName], detail: info[.detail]))
            }
            let cause = error.underlying.map { ": \(String(describing: $0))" } ?? ""
            return PostgresError("\(what) failed: \(error.code)\(cause)")
        }
        return PostgresError("\(what) failed: \(String(describing: error))")
    }

    /// `table.column` from a constraint failure: the server names the table, and the column in
    /// its detail ("Key (user_name)=(tje0) already exists.").
    private static func constraintColumn(table: String?, detail: String?) -> String? {
        guard let table, let detail, let open = detail.firstIndex(of: "("), let close = detail.firstIndex(of: ")"), open < close else { return nil }
        let column = detail[detail.index(after: open)..<close]
        return column.contains(",") ? nil : table + "." + column
    }
}

extension PostgresError: DatabaseFailure {
    public var failureKind: DatabaseFailureKind {
        guard let sqlState else { return .unavailable }
        if isQueryTimeout { return .timeout }
        if isOverLimit { return .tooLarge }
        if isConnectionFailure { return .unavailable }
        if sqlState.hasPrefix("23") { return .constraint }
        // Serialization failures, deadlocks and locks not available: the same call may succeed later.
        if ["40001", "40P01", "55P03"].contains(sqlState) { return .busy }
        return .other
    }
}
