import ArchiveJSON
import ArchiveCore

/// Writes rows as the reference's archive agents answer them: a JSON array of `ArchiveListItem`
/// (`{"EntityName", "PrimaryKey", "ColumnData": {column: {"DisplayValue", "TooltipHint",
/// "LinkHint"}}, "LinkHint", "StyleHint", "TableRight", "FieldProperties"}`), or, for the methods
/// with a header, `{"Rows": […], "RowCount": n, "TableRight": null, "FieldProperties": {}}`.
///
/// Rows are handed to `emit` in chunks as they come, so a page of a million rows runs in constant
/// memory. Display values are the agents' invariant encoding (``AgentDisplayValue``).
final class ArchiveListWriter {
    private let withHeader: Bool
    private let emit: ([UInt8]) throws -> Void
    private let threshold = 64 * 1024
    private var text = JSONText()
    private var cells = JSONRowWriter(columns: [], names: [])
    private var totalCount: Int?
    private var rowCount = 0

    /// The key each column is written under (its `as` name, or its spec).
    private let nameOf: (String) -> String

    init(withHeader: Bool, names: @escaping (String) -> String, emit: @escaping ([UInt8]) throws -> Void) {
        self.withHeader = withHeader
        self.emit = emit
        self.nameOf = names
    }

    func start(_ start: PageStart) {
        cells = JSONRowWriter(columns: start.columns, names: start.columns.map { nameOf($0.key) })
        totalCount = start.totalCount
        text.raw(withHeader ? "{\"Rows\":[" : "[")
    }

    func row(_ row: ArchiveRow) throws {
        if rowCount > 0 { text.raw(",") }
        rowCount += 1
        text.raw("{")
        text.key("EntityName"); text.string(row.entityName); text.raw(",")
        text.key("PrimaryKey"); text.integer(row.primaryKey); text.raw(",")
        text.key("ColumnData")
        cells.agentColumnData(of: row, into: &text)
        text.raw(",")
        text.key("LinkHint"); text.string(row.linkHint); text.raw(",")
        text.key("StyleHint"); text.string(row.styleHint); text.raw(",")
        text.key("TableRight"); text.null(); text.raw(",")
        text.key("FieldProperties"); text.raw("{}")
        text.raw("}")
        if text.bytes.count >= threshold { try flush() }
    }

    func finish() throws {
        if withHeader {
            text.raw("],")
            text.key("RowCount"); text.integer(Int64(totalCount ?? rowCount)); text.raw(",")
            text.key("TableRight"); text.null(); text.raw(",")
            text.key("FieldProperties"); text.raw("{}}")
        } else {
            text.raw("]")
        }
        text.raw("\n")
        try flush()
    }

    private func flush() throws {
        try emit(text.bytes)
        text.bytes.removeAll(keepingCapacity: true)
    }
}

/// The display values of the reference's archive agents: text as it is, everything else in the
/// invariant encoding of its `CultureDataFormatter` (`[I:123]`, `[F:12.5]`, `[D:11/20/2026]`,
/// `[DT:11/20/2026 14:05:09.0000000]`, `[TS:300]`), list items as their names; empty values "".
enum AgentDisplayValue {
    static func encode(_ cell: ArchiveCell, kind: ValueKind) -> String {
        switch (kind, cell.raw) {
        case (_, .null): return ""
        case (.text, _), (.reference, _), (.references, _): return cell.display
        case (.field(.bool), .bool(let flag)): return flag ? "[I:1]" : "[I:0]"
        case (.field(.timeSpan), .integer(let seconds)): return "[TS:\(seconds)]"
        case (_, .integer(let value)): return "[I:\(value)]"
        case (_, .decimal(let value)): return "[F:\(JSONText.number(value))]"
        case (_, .bool(let flag)): return flag ? "[I:1]" : "[I:0]"
        case (_, .date(let day)): return "[D:\(invariantDate(day))]"
        case (_, .dateTime(let local, _)):
            let (day, second) = StoredDateTime.floorDivide(local, 86_400)
            return "[DT:\(invariantDate(day)) \(two(Int(second / 3600))):\(two(Int(second / 60 % 60))):\(two(Int(second % 60))).0000000]"
        case (_, .list(let ids)): return "[A:\(ids.map(String.init).joined(separator: ","))]"
        case (_, .text(let value)): return value
        }
    }

    /// `MM/dd/yyyy`.
    private static func invariantDate(_ day: Int64) -> String {
        let (year, month, dayOfMonth) = StoredDateTime.civil(fromDays: day)
        return "\(two(month))/\(two(dayOfMonth))/\(year)"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
