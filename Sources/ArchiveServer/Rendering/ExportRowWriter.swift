public import ArchiveCore
import ArchiveQueryLanguage
import ArchiveJSON
import Foundation

/// Writes rows as an export: CSV (RFC 4180's quoting, lines ending in LF, a header line of the
/// column keys) or NDJSON (one
/// JSON object per line). `archive query` and the API's `$format=csv|ndjson` both write through
/// it, so that an export from the page and one from the command line hold the same values.
///
/// Values are typed, an empty value an empty CSV field or JSON null (never 0 or
/// `0001-01-01T00:00:00`), or with `display` each value's display string.
public struct ExportRowWriter: Sendable {
    /// An export's format.
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case ndjson

        /// The media type the API answers it with.
        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8; header=present"
            case .ndjson: "application/x-ndjson"
            }
        }
    }

    /// The format it writes.
    public let format: Format
    private let names: [String]
    private let kinds: [ValueKind]
    private let output: OutputStyle
    private let json: JSONRowWriter

    /// A writer of rows of `columns`, each under the name `names` gives its key; `display`
    /// writes display strings instead of typed values.
    public init(format: Format, columns: [ResultColumn], names: [String], display: Bool = false) {
        self.format = format
        self.names = names
        kinds = columns.map(\.kind)
        output = display ? .display : .typed
        json = JSONRowWriter(columns: columns, names: names)
    }

    /// What comes before the rows: CSV's header line.
    public func header() -> [UInt8] {
        format == .csv ? Array((names.map(Self.csvField).joined(separator: ",") + "\n").utf8) : []
    }

    /// Appends one row (with its line end) to `bytes`.
    public func append(_ row: ArchiveRow, to bytes: inout [UInt8]) {
        switch format {
        case .csv:
            for (index, cell) in row.cells.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += Self.csvField(CellValue.slim(cell, kind: kinds[index], output: output).plainText).utf8
            }
            bytes.append(UInt8(ascii: "\n"))
        case .ndjson:
            var text = JSONText()
            text.raw("{")
            json.slimMembers(of: row, output: output, leadingComma: false, into: &text)
            text.raw("}\n")
            bytes += text.bytes
        }
    }

    /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        // By bytes: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
