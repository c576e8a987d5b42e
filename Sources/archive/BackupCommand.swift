import ArchiveEngines
import ArgumentParser

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a SQLite archive to a new file, consistently, while it is served.",
        discussion: """
            The copy is the archive as one read transaction sees it (SQLite's online backup): \
            writes that a server or an import commit meanwhile are either wholly in it or not at \
            all, and neither waits for the other. The copy opens on its own, and is never written \
            over an existing file.

            A PostgreSQL archive is backed up with PostgreSQL's own tools: \
            pg_dump --format=custom --file=archive.dump postgres://…, restored with pg_restore.
            """
    )

    @OptionGroup var database: ArchiveLocationOption

    @Option(help: ArgumentHelp("The new file to write the copy to.", valueName: "file"))
    var to: String

    func run() throws {
        let bytes = try Archives.backup(try database.location, to: to)
        print("Backed up \(try database.location) to \(to) (\(bytes) bytes).")
    }
}
