import ArchiveSchema
import ArchiveSQLite
import ArgumentParser

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create an empty archive database, or upgrade one to this engine's schema.",
        discussion: """
            Applies the numbered migrations of Schema/ that FILE lacks, each in its own transaction. \
            Running it on a current database changes nothing. A database created by a newer engine, \
            or a file holding other tables, is refused.
            """
    )

    @OptionGroup var database: DatabaseOption

    func run() throws {
        // WAL is switched on only after the file proved to be an archive: a refused file stays as it was.
        var configuration = Connection.Configuration()
        configuration.useWAL = false
        let connection = try Connection(path: database.db, configuration: configuration)
        defer { connection.close() }
        let report = try Migrator.migrate(connection)
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        if report.applied.isEmpty {
            print("\(database.db) is at schema version \(report.toVersion); nothing to do.")
        } else if report.fromVersion == 0 {
            print("Created \(database.db) at schema version \(report.toVersion).")
        } else {
            print("Upgraded \(database.db) from schema version \(report.fromVersion) to \(report.toVersion) (\(report.applied.joined(separator: ", "))).")
        }
    }
}
