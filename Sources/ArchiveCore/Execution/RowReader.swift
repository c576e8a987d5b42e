import ArchiveSchema
import ArchiveSQLite

/// Turns a statement's current row into an ``ArchiveRow``.
struct RowReader {
    let plan: PlannedQuery
    let entityName: String
    let rootHintKey: String
    let decoder: CellDecoder

    init(plan: PlannedQuery, catalog: ProviderCatalog, context: RequestContext, clock: ZonedClock) {
        self.plan = plan
        self.entityName = catalog.defaultEntities.first ?? catalog.entities.first?.name ?? ""
        self.rootHintKey = catalog.rootHintKey
        self.decoder = CellDecoder(context: context, clock: clock)
    }

    func read(_ row: Row) -> ArchiveRow {
        let primaryKey = row.int64(at: plan.primaryKeyIndex)
        var cells: [ArchiveCell] = []
        cells.reserveCapacity(plan.readers.count)
        for (reader, column) in zip(plan.readers, plan.columns) {
            cells.append(decoder.cell(reader, kind: column.kind, row))
        }
        return ArchiveRow(
            kind: .detail, primaryKey: primaryKey, entityName: entityName, cells: cells,
            linkHint: "\(rootHintKey)=\(primaryKey)", styleHint: "")
    }
}

/// Reads cells: typed raw values, display strings in the request's language, culture and time
/// zone, and hints.
struct CellDecoder {
    let formatter: ValueFormatter
    let language: Language
    let clock: ZonedClock

    init(context: RequestContext, clock: ZonedClock) {
        self.formatter = ValueFormatter(language: context.language, culture: context.culture)
        self.language = context.language
        self.clock = clock
    }

    func cell(_ reader: CellReader, kind: ValueKind, _ row: Row) -> ArchiveCell {
        switch reader {
        case .field(let index, let type, let zoned, let hintIndex, let hintKey):
            let raw = value(row.value(at: index), type: type, zoned: zoned)
            let (tooltip, link) = hints(hintKey, hintIndex.flatMap { row.isNull(at: $0) ? nil : row.int64(at: $0) })
            return ArchiveCell(raw: raw, display: formatter.display(raw, kind: kind), tooltipHint: tooltip, linkHint: link)
        case .reference(let idIndex, let textIndex, let hintKey):
            guard !row.isNull(at: idIndex) else { return ArchiveCell(raw: .null, display: "") }
            let id = row.int64(at: idIndex)
            let (tooltip, link) = hints(hintKey, id)
            return ArchiveCell(raw: .integer(id), display: row.string(at: textIndex) ?? "", tooltipHint: tooltip, linkHint: link)
        case .references(let idsIndex, let textsIndex):
            let ids = (row.string(at: idsIndex) ?? "").split(separator: ",").compactMap { Int64($0) }
            return ArchiveCell(raw: .list(ids), display: row.string(at: textsIndex) ?? "")
        case .constant(let raw, let display):
            return ArchiveCell(raw: .text(raw), display: display.text(in: language))
        case .flagText(let index, let whenTrue, let whenFalse):
            guard !row.isNull(at: index) else { return ArchiveCell(raw: .bool(false), display: "") }
            let flag = row.int64(at: index) != 0
            return ArchiveCell(raw: .bool(flag), display: (flag ? whenTrue : whenFalse).text(in: language))
        case .pseudo:
            return ArchiveCell(raw: .bool(false), display: "")
        }
    }

    /// A cell from a bare value of a known kind (aggregate and group values).
    func cell(_ value: SQLiteValue, kind: ValueKind, display: String? = nil) -> ArchiveCell {
        let raw: ArchiveValue
        switch kind {
        case .integer, .timeSpan, .reference: raw = value.integerValue.map { .integer($0) } ?? value.doubleValue.map { .decimal($0) } ?? .null
        case .decimal: raw = value.doubleValue.map { .decimal($0) } ?? .null
        case .bool: raw = value.integerValue.map { .bool($0 != 0) } ?? .null
        case .date: raw = self.value(value, type: .date, zoned: false)
        case .dateTime: raw = self.value(value, type: .dateTime, zoned: true)
        case .text, .references: raw = value.isNull ? .null : .text(value.textValue ?? value.description)
        }
        return ArchiveCell(raw: raw, display: display ?? formatter.display(raw, kind: kind))
    }

    /// A stored value, typed: datetimes moved into the request's zone when the column is zoned.
    func value(_ value: SQLiteValue, type: FieldType, zoned: Bool) -> ArchiveValue {
        if value.isNull {
            // A boolean with no value counts as false.
            return type == .bool ? .bool(false) : .null
        }
        switch type {
        case .integer, .timeSpan: return value.integerValue.map { .integer($0) } ?? .null
        case .decimal: return value.doubleValue.map { .decimal($0) } ?? .null
        case .text: return .text(value.textValue ?? "")
        case .bool: return .bool((value.integerValue ?? 0) != 0)
        case .date:
            guard let text = value.textValue, let utc = StoredDateTime.parse(text) else { return .null }
            // A date-only value is a calendar day; the date of a stored moment depends on the zone.
            return .date(day: zoned && text.count > 10 ? clock.localDay(ofUTC: utc) : StoredDateTime.floorDivide(utc, 86_400).quotient)
        case .dateTime:
            guard let text = value.textValue, let utc = StoredDateTime.parse(text) else { return .null }
            let offset = zoned ? clock.offset(atUTC: utc) : 0
            return .dateTime(local: utc + offset, offset: offset)
        }
    }

    private func hints(_ key: String?, _ id: Int64?) -> (tooltip: String, link: String) {
        guard let key, let id else { return ("", "") }
        return ("{\(key)=\(id)}", "\(key)=\(id)")
    }
}
