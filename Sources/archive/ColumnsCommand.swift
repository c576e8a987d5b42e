import ArchiveJSON
import ArchiveCore
import ArchiveServer
import ArchiveEngines
import ArgumentParser

struct ColumnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns",
        abstract: "List the columns a query can select, restrict and order by.",
        discussion: """
            One line per column of the ChatSession provider: its name (the path $select, $filter \
            and $orderBy take), its restriction type, whether it can be ordered by, the operators \
            $filter takes for it, and its label. A column without a restriction type can only be \
            selected (and ordered by, where it says so). Without --db, the columns of an archive \
            with the reference's demo user-defined fields (as `archive seed` writes them); with \
            --db, those of that archive, whose user-defined fields are its own.

              archive columns
              archive columns --db demo.sqlite --format csv > columns.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: ArgumentHelp("The output format: table, csv or json.", valueName: "format"))
    var format: Format = .table

    @Flag(help: "Include the restriction-only pseudo columns (getAllRows, getNoRows).")
    var all = false

    @Option(help: ArgumentHelp("An archive whose columns to list (its own user-defined fields): a SQLite file or a postgres:// URL.", valueName: "file|url"))
    var db: String?

    func run() throws {
        let catalog = try db.map { path in try Archives.withDatabase(try ArchiveLocation(path), .read) { try ChatSessionCatalog.catalog(of: $0) } }
            ?? ChatSessionCatalog.catalog
        let columns = catalog.columns.filter { all || $0.isVisible }
        var output = FileHandleOutput()
        switch format {
        case .table:
            let rows = columns.map { [$0.name, $0.restrictionType?.rawValue ?? "-", $0.canOrderBy ? "yes" : "no", $0.restrictionType?.operatorNames.joined(separator: ", ") ?? "-", $0.displayName] }
            let headers = ["column", "type", "order", "operators", "label"]
            // The operators are long: they get the last but one place and are not padded.
            let widths = headers.indices.map { index in max(headers[index].count, rows.map { $0[index].count }.max() ?? 0) }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in index == cells.count - 1 ? cell : cell.rightPadded(widths[index]) }.joined(separator: "  ")
            }
            output.line(line(headers))
            for row in rows { output.line(line(row)) }
            output.line("(\(columns.count) columns)")
        case .csv:
            output.line("column,type,orderable,operators,label")
            for column in columns {
                let fields = [column.name, column.restrictionType?.rawValue ?? "", column.canOrderBy ? "true" : "false",
                              column.restrictionType?.operatorNames.joined(separator: " ") ?? "", column.displayName]
                output.line(fields.map(ExportRowWriter.csvField).joined(separator: ","))
            }
        case .json:
            var json = JSONText()
            json.raw("[")
            for (index, column) in columns.enumerated() {
                json.raw(index == 0 ? "\n" : ",\n")
                json.raw("{")
                json.key("column"); json.string(column.name); json.raw(",")
                json.key("type"); if let type = column.restrictionType { json.string(type.rawValue) } else { json.null() }; json.raw(",")
                json.key("orderable"); json.bool(column.canOrderBy); json.raw(",")
                json.key("operators"); json.raw("[")
                for (position, name) in (column.restrictionType?.operatorNames ?? []).enumerated() {
                    if position > 0 { json.raw(",") }
                    json.string(name)
                }
                json.raw("],")
                json.key("label"); json.string(column.displayName)
                json.raw("}")
            }
            json.raw(columns.isEmpty ? "]\n" : "\n]\n")
            output.write(json.bytes)
        }
        output.flush()
    }
}
