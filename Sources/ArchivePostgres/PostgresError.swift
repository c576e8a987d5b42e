public import ArchiveCore
import Foundation
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

    /// The SQLSTATE of a failure of this side that is not the connection's (a value it cannot
    /// read): `XX000`, internal error.
    static let internalState = "XX000"

    /// True when the statement ran past `statement_timeout` (or was cancelled).
    public var isQueryTimeout: Bool { sqlState == "57014" }

    /// True when the statement is larger than the server takes (too many values, too complex).
    public var isOverLimit: Bool { sqlState?.hasPrefix("54") == true }

    /// True when the connection failed or was never made (no answer from the server, or a
    /// connection exception): the session cannot be used again.
    public var isConnectionFailure: Bool { sqlState == nil || sqlState?.hasPrefix("08") == true }

    /// True when a prepared statement can no longer run as it was prepared: it is gone
    /// (`26000`), or its tables changed so that its rows would change shape (`0A000`, "cached
    /// plan must not change result type").
    var isStalePreparedStatement: Bool {
        sqlState == "26000" || (sqlState == "0A000" && message.contains("cached plan must not change result type"))
    }

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
                    constraintColumn: constraintColumn(table: info[.tableName], column: info[.columnName], detail: info[.detail]))
            }
            let cause = error.underlying.map { ": \(String(describing: $0))" } ?? ""
            return PostgresError("\(what) failed: \(error.code)\(cause)")
        }
        // Prepared statements (`PreparedQuery`) fail with PostgresNIO's older error.
        if case PostgresNIO.PostgresError.server(let info) = error {
            let fields = info.fields
            let detail = [fields[.detail], fields[.hint]].compactMap { $0 }.joined(separator: "; ")
            return PostgresError(
                fields[.message] ?? "the server refused \(what)", sqlState: fields[.sqlState], detail: detail.isEmpty ? nil : detail,
                constraintColumn: constraintColumn(table: fields[.tableName], column: fields[.columnName], detail: fields[.detail]))
        }
        return PostgresError("\(what) failed: \(String(describing: error))")
    }

    /// `table.column` from a constraint failure, as SQLite names it: the server names the table,
    /// and the column either itself (NOT NULL) or in the detail of a unique key
    /// ("Key (archive_fold(name))=(tje0) already exists.", the index's expression unwrapped).
    static func constraintColumn(table: String?, column: String?, detail: String?) -> String? {
        guard let table else { return nil }
        if let column { return table + "." + column }
        guard let detail, detail.hasPrefix("Key ("), let end = detail.range(of: ")=(") else { return nil }
        var key = detail[detail.index(detail.startIndex, offsetBy: 5)..<end.lowerBound]
        if key.hasPrefix("archive_fold("), key.hasSuffix(")") { key = key.dropFirst("archive_fold(".count).dropLast() }
        return key.contains(",") || key.contains("(") ? nil : table + "." + key
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
        // A read replica (or a read-only transaction) refusing a write.
        if sqlState == "25006" { return .readOnly }
        // The server shutting down, or refusing more connections.
        if ["57P01", "57P02", "57P03", "53300"].contains(sqlState) { return .unavailable }
        return .other
    }
}
