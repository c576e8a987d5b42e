import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage

/// Writes a page of rows as it streams, in JSON or XML.
///
/// Rows are kept until they pass `threshold` bytes, so that a page that fits is written whole,
/// with its members in the documented order (`odata.metadata`, `odata.nextLink`, `odata.count`,
/// `value`). A larger page is handed to `emit` as it grows, in constant memory; its
/// `odata.nextLink`, known only once the last row is read, then follows `value`.
final class PageWriter {
    private let shape: ResponseShape
    private let threshold: Int
    private let emit: ([UInt8]) throws -> Void
    private var columns: [ResultColumn] = []
    private var names: [String] = []
    /// How each column's dates say their offset.
    private var offsets: [ArchiveValue.OffsetStyle] = []
    private var totalCount: Int?
    private var rows = JSONText()
    private var rowCount = 0
    private var streaming = false

    init(shape: ResponseShape, threshold: Int = 256 * 1024, emit: @escaping ([UInt8]) throws -> Void) {
        self.shape = shape
        self.threshold = threshold
        self.emit = emit
        rows.bytes.reserveCapacity(min(threshold, 64 * 1024) + 4096)
    }

    func start(_ start: PageStart) {
        columns = start.columns
        names = start.columns.map { shape.name($0.key) }
        offsets = start.columns.map { $0.offsetStyle(includeOffset: shape.includeTimeZoneOffset) }
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
        rowCount += 1
        if rows.bytes.count >= threshold {
            if !streaming {
                streaming = true
                try emit(head(nextLink: nil, includeNextLink: false))
            }
            try emit(rows.bytes)
            rows.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the document: `nextLink` is the URL of the next page, nil on the last one.
    func finish(nextLink: String?) throws {
        if streaming {
            var tail = JSONText()
            switch shape.format {
            case .json:
                tail.bytes = rows.bytes
                tail.raw("],")
                tail.key("odata.nextLink")
                if let nextLink { tail.string(nextLink) } else { tail.null() }
                tail.raw("}\n")
            case .xml:
                tail.bytes = rows.bytes
                tail.raw("</value>")
                xmlNextLink(nextLink, into: &tail)
                tail.raw("</ArchiveResult>\n")
            }
            try emit(tail.bytes)
        } else {
            var document = JSONText(reservingCapacity: rows.bytes.count + 512)
            document.bytes = head(nextLink: nextLink, includeNextLink: true)
            document.bytes += rows.bytes
            document.raw(shape.format == .json ? "]}\n" : "</value></ArchiveResult>\n")
            try emit(document.bytes)
        }
    }

    /// Everything before the first row.
    private func head(nextLink: String?, includeNextLink: Bool) -> [UInt8] {
        var text = JSONText()
        switch shape.format {
        case .json:
            text.raw("{")
            text.key("odata.metadata")
            text.string(shape.metadataURL)
            if includeNextLink {
                text.raw(",")
                text.key("odata.nextLink")
                if let nextLink { text.string(nextLink) } else { text.null() }
            }
            if let totalCount {
                text.raw(",")
                text.key("odata.count")
                text.integer(Int64(totalCount))
            }
            text.raw(",")
            text.key("value")
            text.raw("[")
        case .xml:
            text.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArchiveResult>")
            XMLText.element("odata.metadata", shape.metadataURL, into: &text)
            if includeNextLink { xmlNextLink(nextLink, into: &text) }
            if let totalCount { XMLText.element("odata.count", String(totalCount), into: &text) }
            text.raw("<value>")
        }
        return text.bytes
    }

    // MARK: - JSON rows

    private func jsonRow(_ row: ArchiveRow) {
        rows.raw("{")
        rows.key("PrimaryKey")
        rows.integer(row.primaryKey)
        rows.raw(",")
        rows.key("EntityName")
        rows.string(row.entityName)
        switch shape.mode {
        case .slim:
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                rows.raw(",")
                rows.key(names[index])
                rows.value(CellValue.slim(cell, kind: columns[index].kind, output: shape.output, offset: offsets[index]))
            }
        case .full:
            rows.raw(",")
            rows.key("StyleHint")
            rows.string(row.styleHint)
            rows.raw(",")
            rows.key("LinkHint")
            rows.string(row.linkHint)
            rows.raw(",")
            rows.key("Column")
            rows.raw("{")
            var first = true
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                if !first { rows.raw(",") }
                first = false
                rows.key(names[index])
                rows.raw("{")
                rows.key("RawValue")
                rows.value(CellValue.raw(cell.raw, offset: offsets[index]))
                rows.raw(",")
                rows.key("DisplayValue")
                rows.string(cell.display)
                rows.raw(",")
                rows.key("TooltipHint")
                rows.string(cell.tooltipHint)
                rows.raw(",")
                rows.key("LinkHint")
                rows.string(cell.linkHint)
                rows.raw("}")
            }
            rows.raw("}")
        }
        rows.raw("}")
    }

    // MARK: - XML rows

    private func xmlRow(_ row: ArchiveRow) {
        rows.raw("<row>")
        XMLText.element("PrimaryKey", String(row.primaryKey), into: &rows)
        XMLText.element("EntityName", row.entityName, into: &rows)
        switch shape.mode {
        case .slim:
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                xmlValue(names[index], CellValue.slim(cell, kind: columns[index].kind, output: shape.output, offset: offsets[index]))
            }
        case .full:
            XMLText.element("StyleHint", row.styleHint, into: &rows)
            XMLText.element("LinkHint", row.linkHint, into: &rows)
            rows.raw("<Column>")
            for (index, cell) in row.cells.enumerated() where !cell.isAbsent {
                rows.raw("<" + names[index] + ">")
                xmlValue("RawValue", CellValue.raw(cell.raw, offset: offsets[index]))
                XMLText.element("DisplayValue", cell.display, into: &rows)
                XMLText.element("TooltipHint", cell.tooltipHint, into: &rows)
                XMLText.element("LinkHint", cell.linkHint, into: &rows)
                rows.raw("</" + names[index] + ">")
            }
            rows.raw("</Column>")
        }
        rows.raw("</row>")
    }

    private func xmlValue(_ name: String, _ value: CellValue) {
        switch value {
        case .null: rows.raw("<\(name) nil=\"true\"/>")
        case .decimal(let value) where !value.isFinite: XMLText.element(name, "", into: &rows)
        case .list(let ids):
            rows.raw("<\(name)>")
            for id in ids { XMLText.element("id", String(id), into: &rows) }
            rows.raw("</\(name)>")
        default: XMLText.element(name, value.plainText, into: &rows)
        }
    }

    private func xmlNextLink(_ nextLink: String?, into text: inout JSONText) {
        if let nextLink { XMLText.element("odata.nextLink", nextLink, into: &text) } else { text.raw("<odata.nextLink nil=\"true\"/>") }
    }
}
