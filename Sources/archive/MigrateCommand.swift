import ArchiveEngines
import ArgumentParser

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create an empty archive database, or upgrade one to this engine's schema.",
        discussion: """
            Applies the numbered migrations of Schema/ that FILE lacks, each in its own transaction. \
            Before upgrading an archive it copies it beside itself (FILE.vN.backup, N its version; \
            --no-backup leaves that out). Running it on a current database changes nothing. A \
            database created by a newer engine, or a file holding other tables, is refused.

            With a postgres:// URL, creates the archive's tables and indexes \
            (Schema/PostgreSQL/archive.sql) in the database's current schema, in one transaction, \
            or upgrades an archive there with the numbered migrations of Schema/PostgreSQL/, one \
            transaction each; the database must exist and hold no other tables there. Back it up \
            with pg_dump first.
            """
    )

    @OptionGroup var database: ArchiveLocationOption

    @Flag(help: "Upgrade a SQLite archive without copying it first (FILE.vN.backup).")
    var noBackup = false

    func run() throws {
        let location = try database.location
        let outcome = try Archives.migrate(location, backup: !noBackup)
        if let backup = outcome.backup { print("Backed up \(location) at schema version \(outcome.fromVersion) to \(backup).") }
        if outcome.applied.isEmpty {
            print("\(location) is at schema version \(outcome.toVersion); nothing to do.")
        } else if outcome.fromVersion == 0 {
            print("Created \(location.isFile ? "" : "the archive in ")\(location) at schema version \(outcome.toVersion).")
        } else {
            print("Upgraded \(location) from schema version \(outcome.fromVersion) to \(outcome.toVersion) (\(outcome.applied.joined(separator: ", "))).")
        }
    }
}
