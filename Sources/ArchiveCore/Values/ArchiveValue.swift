import ArchiveSchema

/// A typed value of a result cell.
public enum ArchiveValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case decimal(Double)
    case text(String)
    case bool(Bool)
    /// A calendar date, as days since 1970-01-01.
    case date(day: Int64)
    /// A moment, as wall-clock seconds in the request's time zone, with that zone's offset from
    /// UTC at that moment.
    case dateTime(local: Int64, offset: Int64)
    /// Several ids (a column holding several list items).
    case list([Int64])

    /// ISO 8601 text for dates and datetimes (`2020-05-28T00:00:00`, `2020-05-28T15:04:05`,
    /// with `+0200` when `includeOffset`); nil for other values.
    public func isoText(includeOffset: Bool) -> String? {
        switch self {
        case .date(let day):
            return StoredDateTime.formatDate(day * 86_400) + "T00:00:00"
        case .dateTime(let local, let offset):
            var text = StoredDateTime.format(local)
            text = text.prefix(10) + "T" + text.dropFirst(11)
            if includeOffset { text += Self.offsetText(offset) }
            return text
        default:
            return nil
        }
    }

    /// `+0200`, `-0500`, `+0000`.
    static func offsetText(_ offset: Int64) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hours = minutes / 60, rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// How a column's values are typed, so that output formats can write them properly.
public enum ValueKind: Sendable, Hashable {
    case integer
    case decimal
    case text
    case bool
    case date
    case dateTime
    /// Seconds.
    case timeSpan
    /// A reference to another row: the raw value is its id, the display value its text.
    case reference
    /// Several references.
    case references
}

/// One cell of a result row.
public struct ArchiveCell: Sendable, Hashable {
    /// The typed value: the id for references, numbers, booleans, dates.
    public let raw: ArchiveValue
    /// The value as shown to a person: list names in the request's language, dates in its culture.
    public let display: String
    /// A key for a tooltip, such as `{person_id=12}`, or "".
    public let tooltipHint: String
    /// A navigation hint, such as `person_id=12`, or "".
    public let linkHint: String

    public init(raw: ArchiveValue, display: String, tooltipHint: String = "", linkHint: String = "") {
        self.raw = raw
        self.display = display
        self.tooltipHint = tooltipHint
        self.linkHint = linkHint
    }
}

/// One row of a result.
public struct ArchiveRow: Sendable, Hashable {
    /// What the row is: a detail row of an entity, or a row the aggregation adds.
    public enum Kind: Sendable, Hashable {
        case detail
        case header(level: Int)
        case footer(level: Int)
        case grandTotal
    }

    public let kind: Kind
    /// The row's primary key (for aggregate rows, their running number).
    public let primaryKey: Int64
    /// The entity name (`chat`), or `header:1`, `footer:2`, `grandtotal` for aggregate rows.
    public let entityName: String
    /// The cells, in the order of ``ArchiveResult/columns``.
    public let cells: [ArchiveCell]
    public let linkHint: String
    public let styleHint: String
}

/// A column of a result.
public struct ResultColumn: Sendable, Hashable {
    /// The key of the column in rows: the column spec as requested.
    public let key: String
    /// The catalog column it reads (for aggregates, the column inside the function).
    public let column: String
    public let kind: ValueKind
}
