import ArchiveCore
import ArchiveEngines
import ArchiveSeeds
import ArchiveStore
import ArgumentParser
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import chat sessions, with their topics, agents, persons and companies, from NDJSON, JSON or CSV.",
        discussion: """
            The file's keys (CSV: its header) are the provider's column paths, as archive query \
            writes them, so an export imports back: \
            archive query --db a.sqlite --select "$(archive import --print-columns)" --format ndjson > chats.ndjson, \
            then archive import --db b.sqlite chats.ndjson. Chats are matched by chatSessionId \
            (required), persons, companies and topics by their ids or names, agents by their short \
            name (associateId), list items by name: importing a file twice changes nothing. Columns \
            that are derived (full names, durations, the dates of datetimes) are ignored.

            Lines are written in batches of --batch-size, each in one transaction. A line that \
            cannot be imported is reported with its number; with --skip-bad it is left out, \
            otherwise the import stops and nothing of that batch is written (the batches before \
            it stay). Into an archive without chats, the import is one transaction: the indexes \
            are dropped and built once at the end, and a bad line leaves the archive as it was. \
            The database is created when missing (an older one is upgraded, copied first to \
            FILE.vN.backup); empty lists get the standard items. \
            Writing while the server serves the same file is safe: readers go on.
            """
    )

    @Option(help: ArgumentHelp("The archive: a SQLite database file (created when missing), or a PostgreSQL database as postgres://user[:password]@host[:port]/database (its tables are created when missing).", valueName: "file|url"))
    var db: String?

    @Argument(help: ArgumentHelp("The file to import: .ndjson (or .jsonl), .json or .csv.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("The file's format, when its extension does not say: ndjson, json or csv.", valueName: "format"))
    var format: String?

    @Flag(help: "Leave out lines that cannot be imported (each is reported) instead of stopping.")
    var skipBad = false

    @Flag(help: "Leave the imported chats out of the change feed: no webhook events and no delta-link entries for them. For restoring a backup into a new archive; an import into an archive others sync from should raise its events.")
    var noEvents = false

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The time zone of the file's datetimes (as exported with --time-zone).", valueName: "zone"))
    var timeZone = "UTC"

    @Option(help: ArgumentHelp("Lines per transaction.", valueName: "n"))
    var batchSize = 5_000

    @Flag(help: "Print the columns an import reads, comma-separated (a --select for archive query), and stop.")
    var printColumns = false

    func validate() throws {
        if printColumns { return }
        guard let db else { throw ValidationError("--db is required: the archive to import into.") }
        do { _ = try ArchiveLocation(db) } catch let error as ArchiveLocationError { throw ValidationError("--db: \(error).") }
        guard file != nil else { throw ValidationError("give the file to import.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
        if let format, ImportFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be ndjson, json or csv, not '\(format)'.")
        }
    }

    func run() throws {
        let catalog = ChatSessionCatalog.catalog
        if printColumns {
            let columns = try Archives.withEmptyArchive { try ImportMapping(catalog: catalog, database: $0).columnNames(catalog: catalog) }
            print(columns.joined(separator: ","))
            return
        }
        guard let db, let file else { return }
        guard FileManager.default.fileExists(atPath: file) else { throw CommandError("no such file: \(file)") }
        guard let format = format.flatMap({ ImportFormat(rawValue: $0.lowercased()) }) ?? ImportFormat(path: file) else {
            throw CommandError("cannot tell the format of \(file) from its extension; pass --format ndjson, json or csv")
        }
        guard let zone = ReferenceTimeZones.zone(named: timeZone) else { throw CommandError("--time-zone: '\(timeZone)' is not a time zone") }
        let started = ContinuousClock.now
        let location = try ArchiveLocation(db)
        // Created when missing; an older archive is copied before it is upgraded, as archive migrate does.
        if let backup = try Archives.migrate(location).backup { Terminal.writeError("Backed up \(location) to \(backup) before upgrading it.\n") }
        let report = try Archives.withDatabase(location, .write) { database in
            try database.inTransaction { _ = try StandardLists.insertMissing(database) }
            return try importFile(file, format: format, zone: zone, into: database)
        }
        printSummary(report, of: file, took: ContinuousClock.now - started)
    }

    /// Imports the file with a progress bar, or says which line stopped it.
    private func importFile(_ file: String, format: ImportFormat, zone: TimeZone, into database: any ArchiveDatabase) throws -> ArchiveImporter.Report {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let records = try ImportRecords(path: file, format: format)
        try ArchiveImporter.defineStandardFieldsIfNone(database)
        let importer = try ArchiveImporter(
            database: database, catalog: try ChatSessionCatalog.catalog(of: database), zone: zone, now: QueryContext.currentTime(),
            batchSize: batchSize, recordsChanges: !noEvents)
        let bar = ProgressBar(enabled: Terminal.standardErrorIsTerminal)
        defer { bar.finish() }
        do {
            return try withExtendedLifetime(bar) {
                try importer.run(records, skipBad: skipBad) { progress in
                    switch progress {
                    case .lines(_, let bytes): bar.update(label: "bytes imported", completed: bytes, total: max(size, 1))
                    case .indexes(let built, let total): bar.update(label: "indexes built", completed: built, total: total)
                    }
                }
            }
        } catch let failure as ArchiveImporter.ImportFailure {
            let undone = failure.undidTheWholeImport ? "nothing of the file was written (an import into an archive without chats is one transaction)" : "nothing of its batch was written"
            // With --skip-bad, only a file that cannot be read on stops the import.
            let hint = skipBad ? "" : " (pass --skip-bad to leave such lines out)"
            throw CommandError("\(file): \(failure); \(undone)\(hint)")
        }
    }

    private func printSummary(_ report: ArchiveImporter.Report, of file: String, took duration: Duration) {
        for failure in report.skipped { Terminal.writeError("\(file): skipped \(failure)\n") }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        print("Imported \(report.lines) line\(report.lines == 1 ? "" : "s") of \(file) in \(String(format: "%.1f", seconds)) s\(report.skipped.isEmpty ? "" : "; skipped \(report.skipped.count)").")
        let first = ["chat_session", "chat_topic", "associate", "contact", "person"]
        let others = Set(report.created.keys).union(report.changed.keys).union(report.unchanged.keys).subtracting(first).sorted()
        for table in first + others {
            let (created, changed, same) = (report.created[table] ?? 0, report.changed[table] ?? 0, report.unchanged[table] ?? 0)
            if created + changed + same > 0 { print("  \(table): \(created) created, \(changed) changed, \(same) unchanged") }
        }
        if !report.ignoredColumns.isEmpty { print("  ignored (derived) columns: \(report.ignoredColumns.joined(separator: ", "))") }
        if !report.emptiedReferences.isEmpty {
            let counts = report.emptiedReferences.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            print("  left empty (the rows they name are in neither the archive nor the file): \(counts.joined(separator: ", "))")
        }
    }
}
