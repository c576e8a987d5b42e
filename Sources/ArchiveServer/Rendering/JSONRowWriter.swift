public import ArchiveCore
public import ArchiveJSON
public import ArchiveQueryLanguage

/// Writes the cells of result rows as JSON members, for every JSON shape the project answers:
/// the archive's Slim and Full rows, the agents' `ColumnData` and the exports of `archive query`.
///
/// Each column's key is escaped once per response, not once per row, and a column's value kind
/// and offset style are looked up once.
public struct JSONRowWriter: Sendable {
    private let keys: [[UInt8]]
    private let kinds: [ValueKind]
    private let offsets: [ArchiveValue.OffsetStyle]

    /// A writer for rows of `columns`, each written under the name `names` gives its key.
    public init(columns: [ResultColumn], names: [String], includeTimeZoneOffset: Bool = false) {
        precondition(columns.count == names.count, "one name per column")
        keys = names.map(JSONText.encodedKey)
        kinds = columns.map(\.kind)
        offsets = columns.map { $0.offsetStyle(includeOffset: includeTimeZoneOffset) }
    }

    /// `"name":value` for each present cell, comma-separated. With `leadingComma`, each member
    /// is preceded by a comma (the row's other members came first).
    public func slimMembers(of row: ArchiveRow, output: OutputStyle, leadingComma: Bool, into text: inout JSONText) {
        var needsComma = leadingComma
        for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
            if needsComma { text.raw(UInt8(ascii: ",")) }
            needsComma = true
            text.raw(keys[index])
            text.value(CellValue.slim(cell, kind: kinds[index], output: output, offset: offsets[index]))
        }
    }

    /// Full mode's `{"name":{"RawValue":…,"DisplayValue":…,"TooltipHint":…,"LinkHint":…},…}`.
    public func fullColumns(of row: ArchiveRow, into text: inout JSONText) {
        cellObjects(of: row, into: &text) { index, cell, text in
            text.raw("{\"RawValue\":")
            text.value(CellValue.raw(cell.raw, offset: offsets[index]))
            text.raw(",\"DisplayValue\":")
            text.string(cell.display)
        }
    }

    /// The agents' `ColumnData`: `{"name":{"DisplayValue":…,"TooltipHint":…,"LinkHint":…},…}`,
    /// display values in the agents' invariant encoding.
    public func agentColumnData(of row: ArchiveRow, into text: inout JSONText) {
        cellObjects(of: row, into: &text) { index, cell, text in
            text.raw("{\"DisplayValue\":")
            text.string(AgentDisplayValue.encode(cell, kind: kinds[index]))
        }
    }

    /// `{"name":{…},…}` for each present cell: `opening` writes a cell's object up to its hints.
    private func cellObjects(of row: ArchiveRow, into text: inout JSONText, _ opening: (Int, ArchiveCell, inout JSONText) -> Void) {
        text.raw(UInt8(ascii: "{"))
        var needsComma = false
        for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
            if needsComma { text.raw(UInt8(ascii: ",")) }
            needsComma = true
            text.raw(keys[index])
            opening(index, cell, &text)
            hints(of: cell, into: &text)
        }
        text.raw(UInt8(ascii: "}"))
    }

    /// `,"TooltipHint":…,"LinkHint":…}`: the end of a cell object.
    private func hints(of cell: ArchiveCell, into text: inout JSONText) {
        text.raw(",\"TooltipHint\":")
        text.string(cell.tooltipHint)
        text.raw(",\"LinkHint\":")
        text.string(cell.linkHint)
        text.raw(UInt8(ascii: "}"))
    }
}
