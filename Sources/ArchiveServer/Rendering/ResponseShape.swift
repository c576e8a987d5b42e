public import ArchiveCore
public import ArchiveJSON
public import ArchiveQueryLanguage

/// How a page is written: the format and the options that shape rows.
struct ResponseShape: Sendable {
    var format: ResponseFormat = .json
    var mode: ResponseMode = .slim
    var output: OutputStyle = .logical
    var jsonSafe = false
    /// `SO-TimeZone: …, includeTZOffset`: datetimes carry their offset (`+02:00`).
    var includeTimeZoneOffset = false
    /// The absolute URL of `$metadata`, written as `odata.metadata`.
    var metadataURL = ""
    /// The `as` names of `$select`, by column key.
    var columnNames: [String: String] = [:]

    /// The key a column is written under.
    func name(_ key: String) -> String {
        let named = columnNames[key] ?? key
        switch format {
        case .json: return jsonSafe ? ColumnNames.jsonSafe(named) : named
        case .xml: return ColumnNames.xmlElement(named)
        }
    }
}

/// One cell's value as a response writes it.
public enum CellValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case decimal(Double)
    case string(String)
    case bool(Bool)
    case list([Int64])

    /// The empty date and datetime of Slim Logical output (the reference system's "no date").
    public static let noDate = "0001-01-01T00:00:00"

    /// Slim, `$output=Logical`: numbers, booleans and ISO dates typed; list and associate
    /// columns as their display text; never null (an empty number is 0, an empty date
    /// `0001-01-01T00:00:00`, an empty text "").
    public static func logical(_ cell: ArchiveCell, kind: ValueKind, offset: ArchiveValue.OffsetStyle = .none) -> CellValue {
        switch kind {
        case .field(.text), .reference, .references: return .string(cell.display)
        case .field(.integer), .field(.timeSpan), .identifier:
            if case .integer(let value) = cell.raw { return .integer(value) }
            if case .decimal(let value) = cell.raw { return .decimal(value) }
            return .integer(0)
        case .field(.decimal):
            if case .decimal(let value) = cell.raw { return .decimal(value) }
            if case .integer(let value) = cell.raw { return .integer(value) }
            return .integer(0)
        case .field(.bool):
            if case .bool(let value) = cell.raw { return .bool(value) }
            return .bool(false)
        case .field(.date), .field(.dateTime):
            return .string(cell.raw.isoText(offset: offset) ?? noDate)
        }
    }

    /// `$output=Typed`, and the CSV, JSON and NDJSON of `archive query`: the values of Logical,
    /// except that an empty value is null (in CSV an empty field), never a stand-in such as 0,
    /// `""` or `0001-01-01T00:00:00`, so that an average or a count over the exported values is
    /// the one the archive computes. A boolean with no value is false, as everywhere.
    public static func typed(_ cell: ArchiveCell, kind: ValueKind, offset: ArchiveValue.OffsetStyle = .none) -> CellValue {
        switch cell.raw {
        case .null: return .null
        case .list(let ids) where ids.isEmpty: return .null
        default: return logical(cell, kind: kind, offset: offset)
        }
    }

    /// A Slim cell in the given output style.
    public static func slim(_ cell: ArchiveCell, kind: ValueKind, output: OutputStyle, offset: ArchiveValue.OffsetStyle = .none) -> CellValue {
        switch output {
        case .logical: logical(cell, kind: kind, offset: offset)
        case .typed: typed(cell, kind: kind, offset: offset)
        case .display: .string(cell.display)
        }
    }

    /// Full mode's `RawValue`: typed, the id for list and associate columns, null when empty.
    public static func raw(_ value: ArchiveValue, offset: ArchiveValue.OffsetStyle = .none) -> CellValue {
        switch value {
        case .null: .null
        case .integer(let value): .integer(value)
        case .decimal(let value): .decimal(value)
        case .text(let value): .string(value)
        case .bool(let value): .bool(value)
        case .date, .dateTime: .string(value.isoText(offset: offset) ?? "")
        case .list(let ids): .list(ids)
        }
    }
}

extension CellValue {
    /// The value as plain text, for CSV and XML: numbers as written in JSON, booleans as
    /// `true`/`false`, list ids comma-separated, null as "".
    public var plainText: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .decimal(let value): JSONText.number(value)
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .list(let ids): ids.map(String.init).joined(separator: ",")
        }
    }
}

extension JSONText {
    /// A cell value as JSON.
    public mutating func value(_ value: CellValue) {
        switch value {
        case .null: null()
        case .integer(let value): integer(value)
        case .decimal(let value): decimal(value)
        case .string(let value): string(value)
        case .bool(let value): bool(value)
        case .list(let ids):
            raw("[")
            for (index, id) in ids.enumerated() {
                if index > 0 { raw(",") }
                integer(id)
            }
            raw("]")
        }
    }
}

