import ArchiveJSON
import ArchiveCore
import ArchiveQueryLanguage
import ArchiveServer
import ArgumentParser
import Foundation

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a query on an archive (a SQLite file or a PostgreSQL database) and write the rows as a table, CSV, JSON or NDJSON.",
        discussion: """
            The options are the API's query options, with the same language and the same errors. \
            csv, json and ndjson stream: exporting a million rows runs in constant memory. They \
            write typed values, and an empty value as an empty CSV field or JSON null (never 0 or \
            0001-01-01), so that sums and averages over them are the archive's. The table lines up \
            the first 200 rows and cuts values longer than --max-width (never the headers); use it \
            for reading, the others for data. Name a column with 'as': \
            --select "GroupBy(chatTopic/name):HideDetail,Count(chatSessionId) as chats".

              archive query --db demo.sqlite --select chatSessionId,whenRequested,person/fullName \\
                --filter "whenRequested thisMonth" --order-by "whenRequested desc" --top 20
              archive query --db demo.sqlite --select "GroupBy(chatTopic/name):HideDetail,Count(chatSessionId) as chats" --format csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, ndjson }

    @OptionGroup var query: QueryArguments

    @Option(help: ArgumentHelp("The output format: table, csv, json or ndjson.", valueName: "format"))
    var format: Format = .table

    @Flag(help: "Write every value as its display string (as $output=Display) instead of typed values.")
    var display = false

    @Option(help: ArgumentHelp("The widest a table column's values are shown (longer ones are cut with …); 0 shows them whole.", valueName: "n"))
    var maxWidth = RowOutput.defaultTableWidth

    func validate() throws {
        guard maxWidth >= 0 else { throw ValidationError("--max-width must be 0 (no limit) or more, not \(maxWidth).") }
    }

    func run() throws {
        try query.withDatabase { database in
            // The archive's own user-defined fields are columns too.
            let catalog = try ChatSessionCatalog.catalog(of: database)
            let request = try query.request(catalog: catalog)
            let context = try query.context(database: database)
            let writer = RowOutput(format: format, display: display, maxWidth: maxWidth, names: request.name(of:))
            try ArchiveProvider(catalog: catalog).stream(
                request.query, context: context, database: database,
                columns: { writer.start($0) }, row: { writer.row($0) })
            writer.finish()
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the SQL a query becomes, with its arguments and the engine's query plan (SQLite's or PostgreSQL's).",
        discussion: "Takes the options of `archive query`. Aggregate queries show each statement they run."
    )

    @OptionGroup var query: QueryArguments

    func run() throws {
        let explanation = try query.withDatabase { database in
            let catalog = try ChatSessionCatalog.catalog(of: database)
            return try ArchiveProvider(catalog: catalog).explain(
                try query.request(catalog: catalog).query, context: try query.context(database: database), database: database)
        }
        for (index, statement) in explanation.statements.enumerated() {
            if index > 0 { print() }
            print(statement.sql)
            if !statement.arguments.isEmpty { print("-- arguments: " + statement.arguments.map(\.description).joined(separator: ", ")) }
            print("-- plan:")
            for step in statement.plan { print("--   " + step) }
        }
    }
}

/// Writes rows to standard output as they come.
final class RowOutput {
    let format: QueryCommand.Format
    let display: Bool
    /// The widest a table column's values are shown; 0: whole.
    let maxWidth: Int
    /// The key each column is written under (its `as` name, or its spec).
    let names: (String) -> String
    private var columns: [ResultColumn] = []
    private var keys: [String] = []
    private var cells = JSONRowWriter(columns: [], names: [])
    /// CSV and NDJSON: the API's export writer.
    private var export: ExportRowWriter?
    private var count = 0
    /// The table's first rows, kept to size its columns.
    private var pending: [[String]] = []
    private var widths: [Int] = []
    private var output = FileHandleOutput()

    static let tableSample = 200
    static let defaultTableWidth = 40

    init(format: QueryCommand.Format, display: Bool, maxWidth: Int = RowOutput.defaultTableWidth, names: @escaping (String) -> String = { $0 }) {
        self.format = format
        self.display = display
        self.maxWidth = maxWidth
        self.names = names
    }

    func start(_ columns: [ResultColumn]) {
        self.columns = columns
        keys = columns.map { names($0.key) }
        cells = JSONRowWriter(columns: columns, names: keys)
        switch format {
        case .csv, .ndjson:
            export = ExportRowWriter(format: format == .csv ? .csv : .ndjson, columns: columns, names: keys, display: display)
            output.write(export!.header())
        case .json: output.write("[")
        case .table: break
        }
    }

    func row(_ row: ArchiveRow) {
        defer { count += 1 }
        switch format {
        case .table:
            let texts = row.cells.map(\.display)
            if widths.isEmpty {
                pending.append(texts)
                if pending.count == Self.tableSample { flushTable() }
            } else {
                output.line(tableLine(texts))
            }
        case .csv, .ndjson:
            var bytes: [UInt8] = []
            export?.append(row, to: &bytes)
            output.write(bytes)
        case .json:
            var json = JSONText()
            json.raw(count == 0 ? "\n" : ",\n")
            json.raw("{")
            cells.slimMembers(of: row, output: display ? .display : .typed, leadingComma: false, into: &json)
            json.raw("}")
            output.write(json.bytes)
        }
    }

    func finish() {
        switch format {
        case .table:
            if widths.isEmpty { flushTable() }
            output.line("(\(count) row\(count == 1 ? "" : "s"))")
        case .json: output.write(count == 0 ? "]\n" : "\n]\n")
        case .csv, .ndjson: break
        }
        output.flush()
    }

    private func flushTable() {
        // Headers are shown whole; values up to the widest header or --max-width.
        widths = keys.map(\.count)
        for texts in pending {
            for (index, text) in texts.enumerated() {
                let length = Self.flat(text).count
                let width = maxWidth == 0 ? length : min(maxWidth, length)
                widths[index] = max(widths[index], width)
            }
        }
        output.line(tableLine(keys))
        output.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for texts in pending { output.line(tableLine(texts)) }
        pending.removeAll()
    }

    private func tableLine(_ texts: [String]) -> String {
        let line = texts.enumerated().map { index, text in
            let flat = Self.flat(text)
            // With --max-width 0 a value is never cut (later rows may then stick out).
            let cut = maxWidth != 0 && flat.count > widths[index] ? String(flat.prefix(widths[index] - 1)) + "…" : flat
            return cut.rightPadded(widths[index])
        }.joined(separator: "  ")
        // Only the end's padding goes: the start's keeps an empty first column in its place.
        return String(line.reversed().drop { $0 == " " }.reversed())
    }

    /// A value on one line of the table: line breaks, tabs and other control characters as
    /// spaces (a tab or carriage return would move what follows on the terminal).
    static func flat(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

}

/// Buffered standard output (64 KiB at a time).
struct FileHandleOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) { write(Array(text.utf8)) }

    mutating func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func line(_ text: String) { write(text + "\n") }

    /// Writes what is buffered. When the reader has gone (`| head`), the command has done what
    /// was asked and ends with status 0, as the shell's own tools do.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = writeToStandardOutput(bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    Terminal.writeError("Error: cannot write the output: \(String(cString: strerror(errno)))\n")
                    exit(1)
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The system's `write(2)` to standard output (the name `write` is taken inside the type above).
private func writeToStandardOutput(_ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(STDOUT_FILENO, bytes, count)
    #else
    Darwin.write(STDOUT_FILENO, bytes, count)
    #endif
}
