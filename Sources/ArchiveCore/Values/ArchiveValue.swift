
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

    /// How a date or datetime says its offset from UTC.
    public enum OffsetStyle: Sendable, Hashable {
        /// No offset: local wall-clock time (the default, as the reference system writes it).
        case none
        /// The request zone's offset at that moment (`+02:00`); dates, being calendar days, have none.
        case zone
        /// `Z`: a value that is always UTC (created and updated dates), tagged as such.
        case utc
    }

    /// ISO 8601 text for dates and datetimes (`2020-05-28T00:00:00`, `2020-05-28T15:04:05`,
    /// with the RFC 3339 offset `+02:00` or `Z` as `offset` says); nil for other values.
    public func isoText(offset style: OffsetStyle = .none) -> String? {
        switch self {
        case .date(let day):
            return StoredDateTime.formatDate(day * 86_400) + "T00:00:00" + (style == .utc ? "Z" : "")
        case .dateTime(let local, let offset):
            var text = StoredDateTime.format(local, separator: UInt8(ascii: "T"))
            switch style {
            case .none: break
            case .zone: text += Self.offsetText(offset)
            case .utc: text += "Z"
            }
            return text
        default:
            return nil
        }
    }

    /// `+02:00`, `-05:00`, `+00:00` (RFC 3339, which every date parser reads).
    static func offsetText(_ offset: Int64) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hours = minutes / 60, rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// How a column's values are typed, so that output formats can write them properly.
public enum ValueKind: Sendable, Hashable {
    /// A value of the stored type: a number, a text, a flag, a date or a time span.
    case field(FieldType)
    /// A reference to another row: the raw value is its id, the display value its text.
    case reference
    /// Another row's id, shown as the id; the row's name is the cell's tooltip.
    case identifier
    /// Several references.
    case references

    /// A plain text value (constants, words, the minimum of a list's names).
    public static let text = ValueKind.field(.text)
}

/// How display strings are written: the request's language and culture.
struct DisplayFormat: Sendable, Hashable {
    let language: Language
    let culture: Culture
}

/// One cell of a result row.
///
/// A cell keeps its typed value; its display string and hints are written when asked for, so
/// that output formats that never show them (JSON in logical mode) do not pay for them.
public struct ArchiveCell: Sendable, Hashable {
    /// The typed value: the id for references, numbers, booleans, dates.
    public let raw: ArchiveValue
    /// The display string when it does not follow from `raw` (a reference's text, a constant).
    private let text: String?
    private let kind: ValueKind
    private let format: DisplayFormat
    private let hintKey: String?
    private let hintID: Int64
    /// True when the column has no place in this row: a `HideDetail` aggregate in a detail row,
    /// a plain column in a header, footer or grand-total row. Writers leave such a cell out
    /// (JSON and XML have no member for it; CSV an empty field).
    public let isAbsent: Bool

    /// A cell whose display string is given.
    public init(raw: ArchiveValue, display: String) {
        self.init(raw: raw, kind: .text, format: DisplayFormat(language: .english, culture: Culture(language: .english)), text: display)
    }

    init(
        raw: ArchiveValue, kind: ValueKind, format: DisplayFormat, text: String? = nil, hintKey: String? = nil, hintID: Int64? = nil,
        isAbsent: Bool = false
    ) {
        self.raw = raw
        self.text = text
        self.kind = kind
        self.format = format
        self.hintKey = hintID == nil ? nil : hintKey
        self.hintID = hintID ?? 0
        self.isAbsent = isAbsent
    }

    /// The cell of a column that has no place in a row (see ``isAbsent``).
    public static let absent = ArchiveCell(
        raw: .null, kind: .text, format: DisplayFormat(language: .english, culture: Culture(language: .english)), text: "", isAbsent: true)

    /// The value as shown to a person: list names in the request's language, dates in its culture.
    public var display: String {
        // An identifier's text is its row's name, which is the tooltip, not the display value.
        guard kind != .identifier, let text else { return ValueFormatter(language: format.language, culture: format.culture).display(raw, kind: kind) }
        return text
    }

    /// A key for a tooltip, such as `{person_id=12}`, or "" (an identifier's: its row's name).
    public var tooltipHint: String {
        if kind == .identifier, let text { return text }
        return hintKey.map { "{\($0)=\(hintID)}" } ?? ""
    }

    /// A navigation hint, such as `person_id=12`, or "".
    public var linkHint: String { hintKey.map { "\($0)=\(hintID)" } ?? "" }
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

    /// Whether this is a detail row or a header, footer or grand-total row of the aggregation.
    public let kind: Kind
    /// The row's primary key (for aggregate rows, their running number).
    public let primaryKey: Int64
    /// The entity name (`chat`), or `header:1`, `footer:2`, `grandtotal` for aggregate rows.
    public let entityName: String
    /// The cells, in the order of ``ArchivePage/columns``.
    public let cells: ArchiveCells
    /// The key of the row's link hint (`chat_session_id`); nil for aggregate rows.
    let linkHintKey: String?

    init(kind: Kind, primaryKey: Int64, entityName: String, cells: ArchiveCells, linkHintKey: String? = nil) {
        self.kind = kind
        self.primaryKey = primaryKey
        self.entityName = entityName
        self.cells = cells
        self.linkHintKey = linkHintKey
    }

    init(kind: Kind, primaryKey: Int64, entityName: String, cells: [ArchiveCell], linkHintKey: String? = nil) {
        self.init(kind: kind, primaryKey: primaryKey, entityName: entityName, cells: ArchiveCells(cells), linkHintKey: linkHintKey)
    }

    /// A navigation hint for the row, such as `chat_session_id=5244`, or "".
    public var linkHint: String { linkHintKey.map { "\($0)=\(primaryKey)" } ?? "" }

    /// A style hint for the row (always "" for chat sessions).
    public var styleHint: String { "" }
}

/// A column of a result.
public struct ResultColumn: Sendable, Hashable {
    /// The key of the column in rows: the column spec as requested.
    public let key: String
    /// The catalog column it reads (for aggregates, the column inside the function).
    public let column: String
    /// How the column's values are typed, for output formats.
    public let kind: ValueKind
    /// True for dates and datetimes that are always UTC (registered and updated dates), which
    /// the request's time zone does not move.
    public let isUTC: Bool

    init(key: String, column: String, kind: ValueKind, isUTC: Bool = false) {
        self.key = key
        self.column = column
        self.kind = kind
        self.isUTC = isUTC
    }

    /// How this column's dates say their offset, when the request asks for offsets.
    public func offsetStyle(includeOffset: Bool) -> ArchiveValue.OffsetStyle {
        includeOffset ? (isUTC ? .utc : .zone) : .none
    }
}
