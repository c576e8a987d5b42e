/// A statement that every engine runs, written once: interpolated values are bound as
/// parameters (never spliced into the text), and the few things the dialects spell differently
/// (placeholders, case-insensitive comparison, datetimes) are written by the dialect.
///
/// ```swift
/// let id = try db.fetchValue("SELECT id FROM associate WHERE \(foldedColumn: "user_name") = \(folded: userName)")
/// try db.perform("UPDATE chat_session SET updated = \(moment: now) WHERE id = \(id)")
/// ```
///
/// Identifiers come from the catalog or the code (`\(raw: table)`), never from a client.
public struct PortableSQL: ExpressibleByStringInterpolation, Sendable {
    enum Part: Sendable {
        case text(String)
        case value(DatabaseValue)
        case typed(DatabaseValue, StoredType)
        case foldedValue(DatabaseValue)
        case foldedColumn(String)
        case newID(table: String)
    }

    var parts: [Part]

    /// SQL text with no values in it.
    public init(stringLiteral value: String) { parts = [.text(value)] }

    /// SQL text with interpolated values, bound as parameters.
    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The statements one after the other, with `separator` between them (for column lists).
    public init(joining pieces: [PortableSQL], separator: String) {
        parts = []
        for (index, piece) in pieces.enumerated() {
            if index > 0 { parts.append(.text(separator)) }
            parts += piece.parts
        }
    }

    /// `lhs` followed by `rhs`.
    public static func + (lhs: PortableSQL, rhs: PortableSQL) -> PortableSQL {
        var joined = lhs
        joined.parts += rhs.parts
        return joined
    }

    /// The statement's text in `dialect`, and the values its placeholders stand for, in order.
    public func rendered(in dialect: SQLDialect) -> (sql: String, arguments: [DatabaseValue]) {
        var sql = ""
        var arguments: [DatabaseValue] = []
        func bind(_ value: DatabaseValue) -> String {
            arguments.append(value)
            return dialect.placeholder(arguments.count)
        }
        for part in parts {
            switch part {
            case .text(let text): sql += text
            case .value(let value): sql += bind(value)
            case .typed(let value, let type): sql += dialect.cast(bind(value), to: type)
            case .foldedValue(let value): sql += dialect.folded(bind(value))
            case .foldedColumn(let column): sql += dialect.folded(column)
            case .newID(let table): sql += dialect.newID(for: table)
            }
        }
        return (sql, arguments)
    }

    /// The parts of a ``PortableSQL`` literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        /// Starts an empty literal; the counts only reserve room.
        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(2 * interpolationCount + 1)
        }

        /// SQL text, written as it is.
        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        /// A value, bound as a parameter.
        public mutating func appendInterpolation(_ value: some DatabaseValueConvertible) { parts.append(.value(value.databaseValue)) }

        /// A value that may be missing, bound as a parameter (NULL when it is).
        public mutating func appendInterpolation<Value: DatabaseValueConvertible>(_ value: Value?) {
            parts.append(.value(value?.databaseValue ?? .null))
        }

        /// A datetime in seconds since 1970 (UTC), bound as the archive stores datetimes; nil binds NULL.
        public mutating func appendInterpolation(moment seconds: Int64?) {
            parts.append(.typed(seconds.map { .text(StoredDateTime.format($0)) } ?? .null, .dateTime))
        }

        /// A value bound as a column of `type` takes it (a date or datetime in ``StoredDateTime``'s
        /// text, cast where the engine stores them otherwise).
        public mutating func appendInterpolation(_ value: DatabaseValue, as type: StoredType) {
            parts.append(type == .plain ? .value(value) : .typed(value, type))
        }

        /// A text value compared without regard to ASCII case (with a column written `foldedColumn:`
        /// too); nil binds NULL.
        public mutating func appendInterpolation(folded value: String?) { parts.append(.foldedValue(value.map { .text($0) } ?? .null)) }

        /// A column compared without regard to ASCII case.
        public mutating func appendInterpolation(foldedColumn column: String) { parts.append(.foldedColumn(column)) }

        /// SQL text from the code or the catalog (a table's name), written as it is.
        public mutating func appendInterpolation(raw sql: String) { parts.append(.text(sql)) }

        /// The id of a row being inserted into `table` (a catalog table): one the table never held.
        public mutating func appendInterpolation(newID table: String) { parts.append(.newID(table: table)) }

        /// A piece of portable SQL, with its values.
        public mutating func appendInterpolation(_ sql: PortableSQL) { parts += sql.parts }
    }
}

/// How a column stores its values, where the engines differ: SQLite keeps dates and datetimes as
/// text, PostgreSQL as `date` and `timestamp`.
public enum StoredType: Sendable, Hashable {
    /// Integers, reals and text: bound as they are.
    case plain
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A datetime in UTC, `YYYY-MM-DD HH:MM:SS`.
    case dateTime
}
