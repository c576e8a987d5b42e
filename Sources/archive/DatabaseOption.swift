import ArchivePostgres
import ArgumentParser

/// The `--db FILE` option of the commands that work on a database file only.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive database file.", valueName: "file"))
    var db: String

    func validate() throws {
        if PostgresAddress.isURL(db) {
            throw ValidationError("--db: this command works on a database file; PostgreSQL URLs are taken by migrate, seed, query, explain and serve.")
        }
        try Self.check(db)
    }

    /// Refuses what SQLite would read as something other than a file.
    static func check(_ db: String) throws {
        // SQLite reads "" as a private temporary database and ":memory:" as an in-memory one;
        // either would silently write nothing.
        guard !db.isEmpty, db != ":memory:", !db.hasPrefix("file:") else {
            throw ValidationError("--db must name a database file, not '\(db)'.")
        }
    }
}

/// The `--db FILE|URL` option of the commands that work on either engine: a path is a SQLite
/// file, a `postgres://` URL a PostgreSQL database.
struct ArchiveLocationOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The archive: a SQLite database file, or a PostgreSQL database as postgres://user[:password]@host[:port]/database (a socket: postgres://user@/database?host=/socket/folder; the password may come from PGPASSWORD).",
            valueName: "file|url"))
    var db: String

    /// Where the archive is.
    enum Location {
        case file(String)
        case postgres(PostgresAddress)
    }

    var location: Location {
        get throws {
            guard PostgresAddress.isURL(db) else { return .file(db) }
            do { return .postgres(try PostgresAddress(url: db)) } catch let error as PostgresError { throw ValidationError("--db: \(error.message).") }
        }
    }

    func validate() throws {
        if case .file(let path) = try location { try DatabaseOption.check(path) }
    }
}
