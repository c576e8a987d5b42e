import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage

/// Writes a page of rows as it streams, in JSON or XML.
///
/// Rows are kept until they pass `threshold` bytes, so that a page that fits is written whole,
/// with its members in the documented order (`odata.metadata`, `odata.nextLink`, `odata.previousLink`,
/// `odata.deltaLink`, `odata.count`, `value`). A larger page is handed to `emit` as it grows, in
/// constant memory; its links, known only once the last row is read, then follow `value`.
final class PageWriter {
    private let shape: ResponseShape
    private let threshold: Int
    private let emit: ([UInt8]) throws -> Void
    private var columns: [ResultColumn] = []
    private var names: [String] = []
    /// How each column's dates say their offset.
    private var offsets: [ArchiveValue.OffsetStyle] = []
    private var cells = JSONRowWriter(columns: [], names: [])
    private var totalCount: Int?
    /// The rows not yet handed on, in the page's format (the other buffer stays empty).
    private var rows = JSONText()
    private var xmlRows = XMLText()
    private var rowCount = 0
    private var streaming = false

    init(shape: ResponseShape, threshold: Int = 256 * 1024, emit: @escaping ([UInt8]) throws -> Void) {
        self.shape = shape
        self.threshold = threshold
        self.emit = emit
        if shape.format == .json { rows.bytes.reserveCapacity(min(threshold, 64 * 1024) + 4096) }
        if shape.format == .xml { xmlRows.bytes.reserveCapacity(min(threshold, 64 * 1024) + 4096) }
    }

    func start(_ start: PageStart) {
        columns = start.columns
        names = start.columns.map { shape.name($0.key) }
        offsets = start.columns.map { $0.offsetStyle(includeOffset: shape.includeTimeZoneOffset) }
        cells = JSONRowWriter(columns: columns, names: names, includeTimeZoneOffset: shape.includeTimeZoneOffset)
        totalCount = start.totalCount
    }

    func row(_ row: ArchiveRow) throws {
        switch shape.format {
        case .json:
            if rowCount > 0 { rows.raw(UInt8(ascii: ",")) }
            jsonRow(row)
        case .xml:
            xmlRow(row)
        }
        try counted()
    }

    /// A delta's entry for a chat that left the answer (JSON only: deltas are refused in XML):
    /// `{"PrimaryKey": 5, "EntityName": "chat", "odata.removed": {"reason": "deleted"}}`.
    func removed(_ id: Int64, entityName: String, reason: RemovalReason) throws {
        precondition(shape.format == .json, "deltas are written in JSON only")
        if rowCount > 0 { rows.raw(UInt8(ascii: ",")) }
        rows.raw("{\"PrimaryKey\":")
        rows.integer(id)
        rows.raw(",\"EntityName\":")
        rows.string(entityName)
        rows.raw(",\"odata.removed\":{\"reason\":")
        rows.string(reason.rawValue)
        rows.raw("}}")
        try counted()
    }

    /// Counts an entry written, handing the rows on once they pass the threshold.
    private func counted() throws {
        rowCount += 1
        if pendingBytes.count >= threshold {
            if !streaming {
                streaming = true
                try emit(head(Links(), includeLinks: false))
            }
            try emit(pendingBytes)
            rows.bytes.removeAll(keepingCapacity: true)
            xmlRows.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// The rows written and not yet handed on.
    private var pendingBytes: [UInt8] { shape.format == .json ? rows.bytes : xmlRows.bytes }

    /// Ends the document: `nextLink` is the URL of the next page, nil on the last one;
    /// `previousLink`, written only when there is one, the URL of the page before;
    /// `deltaLink` (JSON only), when the request tracks changes, the URL of the changes to come.
    func finish(nextLink: String?, previousLink: String? = nil, deltaLink: String? = nil) throws {
        let links = Links(next: nextLink, previous: previousLink, delta: deltaLink)
        if streaming {
            try emit(pendingBytes + tail(links))
        } else {
            try emit(
                head(links, includeLinks: true) + pendingBytes
                    + Array((shape.format == .json ? "]}\n" : "</value></ArchiveResult>\n").utf8))
        }
    }

    /// A page's links.
    struct Links {
        var next: String?
        var previous: String?
        var delta: String?
    }

    /// Everything after the last row of a page that was streamed (its links come last).
    private func tail(_ links: Links) -> [UInt8] {
        switch shape.format {
        case .json:
            var tail = JSONText()
            tail.raw("],")
            jsonLinks(links, into: &tail)
            tail.raw("}\n")
            return tail.bytes
        case .xml:
            var tail = XMLText()
            tail.raw("</value>")
            xmlLinks(links, into: &tail)
            tail.raw("</ArchiveResult>\n")
            return tail.bytes
        }
    }

    /// `"odata.nextLink":…` (null on the last page), then the previous and delta links when
    /// there are.
    private func jsonLinks(_ links: Links, into text: inout JSONText) {
        text.key("odata.nextLink")
        if let next = links.next { text.string(next) } else { text.null() }
        for (name, link) in [("odata.previousLink", links.previous), ("odata.deltaLink", links.delta)] {
            guard let link else { continue }
            text.raw(",")
            text.key(name)
            text.string(link)
        }
    }

    /// Everything before the first row.
    private func head(_ links: Links, includeLinks: Bool) -> [UInt8] {
        switch shape.format {
        case .json:
            var text = JSONText()
            text.raw("{")
            text.key("odata.metadata")
            text.string(shape.metadataURL)
            if includeLinks {
                text.raw(",")
                jsonLinks(links, into: &text)
            }
            if let totalCount {
                text.raw(",")
                text.key("odata.count")
                text.integer(Int64(totalCount))
            }
            text.raw(",")
            text.key("value")
            text.raw("[")
            return text.bytes
        case .xml:
            var text = XMLText()
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArchiveResult>")
            text.element("odata.metadata", shape.metadataURL)
            if includeLinks { xmlLinks(links, into: &text) }
            if let totalCount { text.element("odata.count", String(totalCount)) }
            text.raw("<value>")
            return text.bytes
        }
    }

    // MARK: - JSON rows

    private func jsonRow(_ row: ArchiveRow) {
        rows.raw("{\"PrimaryKey\":")
        rows.integer(row.primaryKey)
        rows.raw(",\"EntityName\":")
        rows.string(row.entityName)
        switch shape.mode {
        case .slim:
            cells.slimMembers(of: row, output: shape.output, leadingComma: true, into: &rows)
        case .full:
            rows.raw(",\"StyleHint\":")
            rows.string(row.styleHint)
            rows.raw(",\"LinkHint\":")
            rows.string(row.linkHint)
            rows.raw(",\"Column\":")
            cells.fullColumns(of: row, into: &rows)
        }
        rows.raw("}")
    }

    // MARK: - XML rows

    private func xmlRow(_ row: ArchiveRow) {
        xmlRows.raw("<row>")
        xmlRows.element("PrimaryKey", String(row.primaryKey))
        xmlRows.element("EntityName", row.entityName)
        switch shape.mode {
        case .slim:
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                xmlValue(names[index], CellValue.slim(cell, kind: columns[index].kind, output: shape.output, offset: offsets[index]))
            }
        case .full:
            xmlRows.element("StyleHint", row.styleHint)
            xmlRows.element("LinkHint", row.linkHint)
            xmlRows.raw("<Column>")
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                xmlRows.raw("<" + names[index] + ">")
                xmlValue("RawValue", CellValue.raw(cell.raw, offset: offsets[index]))
                xmlRows.element("DisplayValue", cell.display)
                xmlRows.element("TooltipHint", cell.tooltipHint)
                xmlRows.element("LinkHint", cell.linkHint)
                xmlRows.raw("</" + names[index] + ">")
            }
            xmlRows.raw("</Column>")
        }
        xmlRows.raw("</row>")
    }

    private func xmlValue(_ name: String, _ value: CellValue) {
        switch value {
        case .null: xmlRows.raw("<\(name) nil=\"true\"/>")
        case .decimal(let value) where !value.isFinite: xmlRows.element(name, "")
        case .list(let ids):
            xmlRows.raw("<\(name)>")
            for id in ids { xmlRows.element("id", String(id)) }
            xmlRows.raw("</\(name)>")
        default: xmlRows.element(name, value.plainText)
        }
    }

    private func xmlLinks(_ links: Links, into text: inout XMLText) {
        if let next = links.next { text.element("odata.nextLink", next) } else { text.raw("<odata.nextLink nil=\"true\"/>") }
        if let previous = links.previous { text.element("odata.previousLink", previous) }
    }
}
