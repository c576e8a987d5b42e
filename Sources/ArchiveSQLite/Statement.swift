public import ArchiveCore
internal import CSQLite

/// A prepared SQL statement: bind parameters, step through rows, read typed columns.
///
/// ```swift
/// let statement = try connection.prepare("SELECT id, name FROM person WHERE name LIKE :pattern")
/// try statement.bind("A%", named: ":pattern")
/// try statement.forEachRow { row in
///     print(row.int64(at: 0), row.string(at: 1) ?? "")
/// }
/// ```
///
/// Parameter indexes are 1-based (as in SQLite); column indexes are 0-based.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt.html>
public final class Statement {
    /// The SQL text the statement was prepared from.
    public let sql: String
    let handle: OpaquePointer
    private let db: OpaquePointer

    init(connection: Connection, sql: String, persistent: Bool) throws {
        self.sql = sql
        self.db = connection.handle
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // The tail pointer points into the C string, so it is only read inside withCString.
        let (code, prepared, hasMoreSQL) = sql.withCString { text -> (Int32, OpaquePointer?, Bool) in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, text, -1, flags, &statement, &tail)
            return (code, statement, tail.map(Self.containsSQL) ?? false)
        }
        guard code == SQLITE_OK else { throw connection.lastError(code: code, sql: sql) }
        guard let prepared else {
            throw SQLiteError(code: .misuse, message: "the SQL holds no statement", sql: sql)
        }
        if hasMoreSQL {
            sqlite3_finalize(prepared)
            throw SQLiteError(code: .misuse, message: "the SQL holds more than one statement; use execute(_:) for scripts", sql: sql)
        }
        self.handle = prepared
    }

    deinit { sqlite3_finalize(handle) }

    /// The number of parameters (`?`, `?NNN`, `:name`, `@name`, `$name`) in the statement.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of columns in each result row.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of a result column.
    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// True while the statement has been stepped but not run to completion or reset.
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// True when the statement does not change the database.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: - Binding

    /// Binds a value to the parameter at a 1-based index.
    ///
    /// - Throws: An ``SQLiteError`` (`SQLITE_RANGE`) for an index outside the statement's parameters.
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, position, real)
        case .text(var text):
            code = text.withUTF8 { bytes in
                // An empty buffer may have no base address, which SQLite would bind as NULL.
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return csqlite_bind_text_transient(handle, position, "", 0)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    csqlite_bind_text_transient(handle, position, $0, Int32(bytes.count))
                }
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return csqlite_bind_blob_transient(handle, position, base, Int32(buffer.count))
            }
        }
        guard code == SQLITE_OK else {
            throw bindError(code: code, parameter: "#\(index)")
        }
    }

    /// Binds a value to a named parameter; the name includes its prefix (`:id`, `@id` or `$id`).
    ///
    /// - Throws: An ``SQLiteError`` (`SQLITE_RANGE`) when the statement has no such parameter.
    public func bind(_ value: some DatabaseValueConvertible, named name: String) throws {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw SQLiteError(code: .range, message: "the statement has no parameter named \(name)", sql: sql)
        }
        try bind(value.databaseValue, at: Int(index))
    }

    /// Binds values to parameters 1, 2, 3, … in order.
    ///
    /// - Throws: An ``SQLiteError`` (`SQLITE_RANGE`) when the count differs from ``parameterCount``.
    public func bind(_ values: [any DatabaseValueConvertible]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: .range,
                message: "the statement has \(parameterCount) parameters but \(values.count) values were given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() { try bind(value.databaseValue, at: offset + 1) }
    }

    /// Binds values to parameters 1, 2, 3, … in order, without boxing each one.
    ///
    /// - Throws: An ``SQLiteError`` (`SQLITE_RANGE`) when the count differs from ``parameterCount``.
    public func bind(_ values: [DatabaseValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: .range,
                message: "the statement has \(parameterCount) parameters but \(values.count) values were given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    /// Binds values to named parameters; each key includes its prefix (`:id`).
    public func bind(_ values: [String: any DatabaseValueConvertible]) throws {
        for (name, value) in values { try bind(value.databaseValue, named: name) }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() { sqlite3_clear_bindings(handle) }

    /// Rewinds the statement so that it can run again; bindings are kept.
    public func reset() { sqlite3_reset(handle) }

    // MARK: - Stepping

    /// Advances to the next row.
    ///
    /// - Returns: True when a row is available, false when the statement is done.
    /// - Throws: An ``SQLiteError``; the statement is reset so that it can be used again.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            let error = stepError(code: code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement until it is done, discarding rows, then resets it.
    public func runToCompletion() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Calls `body` with each result row, then resets the statement.
    ///
    /// The ``Row`` is a view of the statement's current row: read it inside `body`, do not keep it.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        let row = Row(statement: self)
        while try step() { try body(row) }
    }

    // MARK: - Reading columns

    /// The storage class of a column in the current row.
    public func columnType(at index: Int) -> ColumnType {
        ColumnType(rawValue: sqlite3_column_type(handle, Int32(index))) ?? .null
    }

    /// True when a column of the current row is NULL.
    public func isNull(at index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }

    /// A column as an integer (SQLite converts other storage classes; NULL reads as 0).
    public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    /// A column as a double (NULL reads as 0).
    public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// A column as an integer, or nil when it is NULL. Reading a number does not convert the
    /// value, and only a 0 can stand for NULL, so the type is asked for only then: one call
    /// into SQLite per value instead of two.
    public func optionalInt64(at index: Int) -> Int64? {
        let column = Int32(index)
        let value = sqlite3_column_int64(handle, column)
        return value == 0 && sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : value
    }

    /// A column as a double, or nil when it is NULL (see ``optionalInt64(at:)``).
    public func optionalDouble(at index: Int) -> Double? {
        let column = Int32(index)
        let value = sqlite3_column_double(handle, column)
        return value == 0 && sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : value
    }

    /// A column as text, or nil when it is NULL.
    public func string(at index: Int) -> String? {
        let column = Int32(index)
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Calls `body` with a text column's UTF-8 bytes without copying them (nil when NULL). The
    /// buffer is only valid inside `body`.
    public func withUTF8<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        let column = Int32(index)
        guard let text = sqlite3_column_text(handle, column) else { return try body(nil) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// A column as bytes, or nil when it is NULL.
    public func blob(at index: Int) -> [UInt8]? {
        let column = Int32(index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// A column as a value of its own storage class.
    public func value(at index: Int) -> DatabaseValue {
        switch columnType(at: index) {
        case .null: .null
        case .integer: .integer(int64(at: index))
        case .real: .real(double(at: index))
        case .text: .text(string(at: index) ?? "")
        case .blob: .blob(blob(at: index) ?? [])
        }
    }

    // MARK: - Errors

    private func stepError(code: Int32) -> SQLiteError {
        let extended = sqlite3_extended_errcode(db)
        let resolved = (extended & 0xFF) == (code & 0xFF) ? extended : code
        return SQLiteError(code: ResultCode(rawValue: resolved), message: String(cString: sqlite3_errmsg(db)), sql: sql)
    }

    private func bindError(code: Int32, parameter: String) -> SQLiteError {
        if code == SQLITE_RANGE {
            return SQLiteError(code: .range, message: "parameter \(parameter) is out of range (the statement has \(parameterCount))", sql: sql)
        }
        return stepError(code: code)
    }

    /// True when the text after a statement holds more than whitespace and comments.
    private static func containsSQL(_ tail: UnsafePointer<CChar>) -> Bool {
        var cursor = tail
        while cursor.pointee != 0 {
            let byte = UInt8(bitPattern: cursor.pointee)
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3B:  // space, tab, newlines, ';'
                cursor += 1
            case 0x2D where (cursor + 1).pointee == 0x2D:  // -- comment to end of line
                while cursor.pointee != 0 && cursor.pointee != 0x0A { cursor += 1 }
            case 0x2F where (cursor + 1).pointee == 0x2A:  // /* comment */
                cursor += 2
                while cursor.pointee != 0 && !(cursor.pointee == 0x2A && (cursor + 1).pointee == 0x2F) { cursor += 1 }
                if cursor.pointee != 0 { cursor += 2 }
            default:
                return true
            }
        }
        return false
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

/// SQLite's storage classes, as reported for a column of the current row.
public enum ColumnType: Int32, Sendable {
    case integer = 1
    case real = 2
    case text = 3
    case blob = 4
    case null = 5
}

/// The current row of a statement being stepped by ``Statement/forEachRow(_:)``.
///
/// A row is only valid inside the closure that receives it.
public struct Row {
    let statement: Statement

    /// The number of columns.
    public var count: Int { statement.columnCount }
    public func isNull(at index: Int) -> Bool { statement.isNull(at: index) }
    public func int64(at index: Int) -> Int64 { statement.int64(at: index) }
    public func double(at index: Int) -> Double { statement.double(at: index) }
    public func optionalInt64(at index: Int) -> Int64? { statement.optionalInt64(at: index) }
    public func optionalDouble(at index: Int) -> Double? { statement.optionalDouble(at: index) }
    public func string(at index: Int) -> String? { statement.string(at: index) }
    /// A text column's UTF-8 bytes, valid only inside `body`; nil when NULL.
    public func withUTF8<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        try statement.withUTF8(at: index, body)
    }
    public func blob(at index: Int) -> [UInt8]? { statement.blob(at: index) }
    public func value(at index: Int) -> DatabaseValue { statement.value(at: index) }
    public func columnType(at index: Int) -> ColumnType { statement.columnType(at: index) }
    /// Every column of the row as values.
    public var values: [DatabaseValue] { (0..<count).map { statement.value(at: $0) } }
}

@available(*, unavailable)
extension Row: Sendable {}
