import ArchivePostgres
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

            With a postgres:// URL, creates the archive's tables and indexes \
            (Schema/PostgreSQL/archive.sql) in the database's current schema, in one transaction; \
            the database must exist and hold no other tables there.
            """
    )

    @OptionGroup var database: ArchiveLocationOption

    func run() throws {
        switch try database.location {
        case .file(let path): try migrateFile(path)
        case .postgres(let address): try migratePostgres(address)
        }
    }

    private func migratePostgres(_ address: PostgresAddress) throws {
        let session = try PostgresSession(address: address)
        defer { session.close() }
        let report = try PostgresMigrator.migrate(session)
        if report.applied.isEmpty {
            print("\(address) is at schema version \(report.toVersion); nothing to do.")
        } else {
            print("Created the archive in \(address) at schema version \(report.toVersion).")
        }
    }

    private func migrateFile(_ path: String) throws {
        // WAL is switched on only after the file proved to be an archive: a refused file stays as it was.
        var configuration = Connection.Configuration()
        configuration.useWAL = false
        let connection = try Connection(path: path, configuration: configuration)
        defer { connection.close() }
        let report = try Migrator.migrate(connection)
        _ = try connection.scalar("PRAGMA journal_mode = WAL")
        if report.applied.isEmpty {
            print("\(path) is at schema version \(report.toVersion); nothing to do.")
        } else if report.fromVersion == 0 {
            print("Created \(path) at schema version \(report.toVersion).")
        } else {
            print("Upgraded \(path) from schema version \(report.fromVersion) to \(report.toVersion) (\(report.applied.joined(separator: ", "))).")
        }
    }
}
