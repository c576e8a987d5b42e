import ArchiveEngines
import ArgumentParser

/// The `--db FILE|URL` option: a path is a SQLite archive file, a `postgres://` URL a PostgreSQL
/// database.
struct ArchiveLocationOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The archive: a SQLite database file, or a PostgreSQL database as postgres://user[:password]@host[:port]/database (a socket: postgres://user@/database?host=/socket/folder; the password may come from PGPASSWORD).",
            valueName: "file|url"))
    var db: String

    /// Where the archive is.
    var location: ArchiveLocation {
        get throws {
            do { return try ArchiveLocation(db) } catch let error as ArchiveLocationError { throw ValidationError("--db: \(error).") }
        }
    }

    func validate() throws { _ = try location }
}

/// The `--db FILE` option of the command that works on a database file only (`archive bench`,
/// whose floor is SQLite's C API).
struct DatabaseFileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive database file.", valueName: "file"))
    var db: String

    func validate() throws {
        let location: ArchiveLocation
        do { location = try ArchiveLocation(db) } catch let error as ArchiveLocationError { throw ValidationError("--db: \(error).") }
        guard location.isFile else { throw ValidationError("--db: this command works on a database file; give a PostgreSQL archive with --postgres.") }
    }
}
