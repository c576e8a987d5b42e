/// A value as the archive reads and binds it, whatever engine holds the archive.
///
/// The five classes are SQLite's storage classes (<https://www.sqlite.org/datatype3.html>); each
/// engine's adapter converts its own types to and from them, so that the provider, the stores and
/// the importer read one kind of value. Dates travel as text in ``StoredDateTime``'s formats.
@frozen
public enum DatabaseValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// True for SQL NULL.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as an integer, when it is one.
    public var integerValue: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// The value as a double: reals, and integers widened.
    public var doubleValue: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    /// The value as text, when it is text.
    public var textValue: String? { if case .text(let value) = self { value } else { nil } }

    /// The value written as an SQL literal (`NULL`, `42`, `'it''s'`, `X'0AFF'`), for logs and explanations.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .blob(let bytes): "X'\(bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined())'"
        }
    }
}

extension DatabaseValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral, ExpressibleByBooleanLiteral
{
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A real value.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// A text value.
    public init(stringLiteral value: String) { self = .text(value) }
    /// NULL.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean, stored as the integer 1 or 0 (SQLite has no boolean class).
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension String {
    /// True when the text holds the NUL character (U+0000), which no text of an archive holds:
    /// PostgreSQL refuses it in text, and SQLite's text functions stop at it. Every value a client
    /// sends is checked for it before it reaches an engine, so that both answer alike.
    public var containsNUL: Bool {
        // Over the contiguous bytes where the text has them (a native string always does), not
        // through the UTF-8 view's iterator: an import checks every text of every line.
        utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? utf8.contains(0)
    }
}

/// A Swift value that can be bound to a statement parameter of any engine.
public protocol DatabaseValueConvertible: Sendable {
    /// The value to bind.
    var databaseValue: DatabaseValue { get }
}

extension DatabaseValue: DatabaseValueConvertible { public var databaseValue: DatabaseValue { self } }
extension Int: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .integer(Int64(self)) } }
extension Int64: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .integer(self) } }
extension Int32: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .integer(Int64(self)) } }
extension Bool: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) } }
extension Double: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .real(self) } }
extension String: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .text(self) } }
extension Substring: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .text(String(self)) } }
extension [UInt8]: DatabaseValueConvertible { public var databaseValue: DatabaseValue { .blob(self) } }
extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// The wrapped value's, or NULL when there is none.
    public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
