
/// Turns a statement's current row into an ``ArchiveRow``.
///
/// The plan's cell sources are compiled once per prepared query into instructions that copy as
/// plain bytes (their strings go to side tables), since the row loop runs for every cell.
struct RowDecoder {
    /// One cell's reading, with no reference-counted fields.
    struct Instruction: Sendable {
        enum Operation: UInt8 { case field, reference, references, constant, flagText, pseudo }
        var operation: Operation
        var type: FieldType = .text
        var zoned = false
        var kind: ValueKind
        var first = 0
        var second = -1
        /// Index in `hintKeys`, or -1.
        var hintKey = -1
        /// Index in `texts` (constant and flag texts), or -1.
        var text = -1
        var otherText = -1
    }

    /// The instructions of a plan and their side tables.
    struct Program: Sendable {
        let instructions: [Instruction]
        let hintKeys: [String]
        let texts: [LocalizedText]

        init(sources: [CellSource], columns: [ResultColumn]) {
            var hintKeys: [String] = [], texts: [LocalizedText] = []
            func hint(_ key: String?) -> Int {
                guard let key else { return -1 }
                if let index = hintKeys.firstIndex(of: key) { return index }
                hintKeys.append(key)
                return hintKeys.count - 1
            }
            func text(_ value: LocalizedText) -> Int {
                texts.append(value)
                return texts.count - 1
            }
            instructions = zip(sources, columns).map { reader, column in
                switch reader {
                case .field(let index, let type, let zoned, let hintIndex, let hintKey):
                    return Instruction(operation: .field, type: type, zoned: zoned, kind: column.kind, first: index, second: hintIndex ?? -1, hintKey: hint(hintKey))
                case .reference(let idIndex, let textIndex, let hintKey):
                    return Instruction(operation: .reference, kind: column.kind, first: idIndex, second: textIndex, hintKey: hint(hintKey))
                case .references(let idsIndex, let textsIndex):
                    return Instruction(operation: .references, kind: column.kind, first: idsIndex, second: textsIndex)
                case .constant(let raw, let display):
                    return Instruction(operation: .constant, kind: column.kind, text: text(LocalizedText(raw, no: raw, sv: raw, de: raw)), otherText: text(display))
                case .flagText(let index, let whenTrue, let whenFalse):
                    return Instruction(operation: .flagText, kind: column.kind, first: index, text: text(whenTrue), otherText: text(whenFalse))
                case .pseudo:
                    return Instruction(operation: .pseudo, kind: column.kind)
                }
            }
            self.hintKeys = hintKeys
            self.texts = texts
        }
    }

    let instructions: [Instruction]
    let hintKeys: [String]
    let texts: [LocalizedText]
    let primaryKeyIndex: Int
    let entityName: String
    let rootHintKey: String
    let decoder: CellDecoder

    init(plan: PlannedQuery, catalog: ProviderCatalog, context: QueryContext, clock: ZonedClock) {
        self.init(program: plan.rowProgram, catalog: catalog, decoder: CellDecoder(context: context, clock: clock), primaryKeyIndex: plan.primaryKeyIndex)
    }

    init(program: Program, catalog: ProviderCatalog, decoder: CellDecoder, primaryKeyIndex: Int) {
        self.instructions = program.instructions
        self.hintKeys = program.hintKeys
        self.texts = program.texts
        self.primaryKeyIndex = primaryKeyIndex
        self.entityName = catalog.defaultEntities.first ?? catalog.entities.first?.name ?? ""
        self.rootHintKey = catalog.rootHintKey
        self.decoder = decoder
    }

    /// The cell of the `index`th instruction in the current row (for rows built cell by cell).
    func cell(at index: Int, _ row: some ResultRow) -> ArchiveCell { cell(instructions[index], row) }

    /// The current row, with cells of its own (for streaming, one row at a time).
    func read(_ row: some ResultRow) -> ArchiveRow {
        var cells: [ArchiveCell] = []
        cells.reserveCapacity(instructions.count)
        let primaryKey = read(row, into: &cells)
        return ArchiveRow(kind: .detail, primaryKey: primaryKey, entityName: entityName, cells: ArchiveCells(cells), linkHintKey: rootHintKey)
    }

    /// Appends the current row's cells to `cells` and returns its primary key.
    func read(_ row: some ResultRow, into cells: inout [ArchiveCell]) -> Int64 {
        instructions.withUnsafeBufferPointer { instructions in
            for instruction in instructions { cells.append(cell(instruction, row)) }
        }
        return row.int64(at: primaryKeyIndex)
    }

    /// Rows whose cells are windows on `cells`, `instructions.count` per row.
    func rows(primaryKeys: [Int64], cells: [ArchiveCell]) -> [ArchiveRow] {
        let width = instructions.count
        return primaryKeys.indices.map { index in
            ArchiveRow(
                kind: .detail, primaryKey: primaryKeys[index], entityName: entityName,
                cells: ArchiveCells(storage: cells, offset: index * width, count: width), linkHintKey: rootHintKey)
        }
    }

    private func cell(_ instruction: Instruction, _ row: some ResultRow) -> ArchiveCell {
        let format = decoder.format
        switch instruction.operation {
        case .field:
            let raw = decoder.value(row, instruction.first, type: instruction.type, zoned: instruction.zoned)
            let hintID = instruction.second < 0 ? nil : row.optionalInt64(at: instruction.second)
            return ArchiveCell(raw: raw, kind: instruction.kind, format: format, hintKey: key(instruction.hintKey), hintID: hintID)
        case .reference:
            guard let id = row.optionalInt64(at: instruction.first) else { return CellDecoder.blank }
            return ArchiveCell(
                raw: .integer(id), kind: instruction.kind, format: format, text: row.string(at: instruction.second) ?? "",
                hintKey: key(instruction.hintKey), hintID: id)
        case .references:
            let ids = (row.string(at: instruction.first) ?? "").split(separator: ",").compactMap { Int64($0) }
            return ArchiveCell(raw: .list(ids), kind: instruction.kind, format: format, text: row.string(at: instruction.second) ?? "")
        case .constant:
            return ArchiveCell(raw: .text(texts[instruction.text].english), kind: instruction.kind, format: format, text: texts[instruction.otherText].text(in: decoder.language))
        case .flagText:
            guard let value = row.optionalInt64(at: instruction.first) else {
                return ArchiveCell(raw: .bool(false), kind: instruction.kind, format: format, text: "")
            }
            let flag = value != 0
            return ArchiveCell(raw: .bool(flag), kind: instruction.kind, format: format, text: texts[flag ? instruction.text : instruction.otherText].text(in: decoder.language))
        case .pseudo:
            return ArchiveCell(raw: .bool(false), kind: instruction.kind, format: format, text: "")
        }
    }

    private func key(_ index: Int) -> String? { index < 0 ? nil : hintKeys[index] }
}

/// Reads cells: typed raw values, display strings in the request's language, culture and time
/// zone, and hints.
struct CellDecoder {
    let format: DisplayFormat
    let language: Language
    let clock: ZonedClock

    init(context: QueryContext, clock: ZonedClock) {
        self.format = DisplayFormat(language: context.language, culture: context.culture)
        self.language = context.language
        self.clock = clock
    }

    static let blank = ArchiveCell(raw: .null, display: "")

    /// A cell from a bare value of a known kind (aggregate and group values).
    func cell(_ value: DatabaseValue, kind: ValueKind, display: String? = nil) -> ArchiveCell {
        let raw: ArchiveValue
        switch kind {
        case .field(.integer), .field(.timeSpan), .reference, .identifier: raw = value.integerValue.map { .integer($0) } ?? value.doubleValue.map { .decimal($0) } ?? .null
        case .field(.decimal): raw = value.doubleValue.map { .decimal($0) } ?? .null
        case .field(.bool): raw = value.integerValue.map { .bool($0 != 0) } ?? .null
        case .field(.date): raw = self.value(value, type: .date, zoned: false)
        case .field(.dateTime): raw = self.value(value, type: .dateTime, zoned: true)
        case .field(.text), .references: raw = value.isNull ? .null : .text(value.textValue ?? value.description)
        }
        return ArchiveCell(raw: raw, kind: kind, format: format, text: display)
    }

    /// A stored value of the current row, typed.
    func value(_ row: some ResultRow, _ index: Int, type: FieldType, zoned: Bool) -> ArchiveValue {
        // One call into SQLite per value where possible: text reads report NULL themselves,
        // and a number needs its type asked only when it reads as 0.
        switch type {
        case .integer, .timeSpan: return row.optionalInt64(at: index).map { .integer($0) } ?? .null
        case .decimal: return row.optionalDouble(at: index).map { .decimal($0) } ?? .null
        case .bool: return .bool(row.int64(at: index) != 0)  // NULL counts as false
        case .text: return row.string(at: index).map { .text($0) } ?? .null
        case .date, .dateTime:
            return row.withUTF8(at: index) { bytes in
                guard let bytes, let utc = StoredDateTime.parse(utf8: bytes) else { return .null }
                return moment(utc, dateOnly: bytes.count == 10, type: type, zoned: zoned)
            }
        }
    }

    /// A stored moment (or date) as a typed value, moved into the request's zone when the column is zoned.
    private func moment(_ utc: Int64, dateOnly: Bool, type: FieldType, zoned: Bool) -> ArchiveValue {
        if type == .date {
            // A date-only value is a calendar day; the date of a stored moment depends on the zone.
            return .date(day: zoned && !dateOnly ? clock.localDay(ofUTC: utc) : StoredDateTime.floorDivide(utc, 86_400).quotient)
        }
        let offset = zoned ? clock.offset(atUTC: utc) : 0
        return .dateTime(local: utc + offset, offset: offset)
    }

    /// A stored value, typed: datetimes moved into the request's zone when the column is zoned.
    func value(_ value: DatabaseValue, type: FieldType, zoned: Bool) -> ArchiveValue {
        if value.isNull {
            // A boolean with no value counts as false.
            return type == .bool ? .bool(false) : .null
        }
        switch type {
        case .integer, .timeSpan: return value.integerValue.map { .integer($0) } ?? .null
        case .decimal: return value.doubleValue.map { .decimal($0) } ?? .null
        case .text: return .text(value.textValue ?? "")
        case .bool: return .bool((value.integerValue ?? 0) != 0)
        case .date, .dateTime:
            guard let text = value.textValue, let utc = StoredDateTime.parse(text) else { return .null }
            return moment(utc, dateOnly: text.utf8.count == 10, type: type, zoned: zoned)
        }
    }
}
