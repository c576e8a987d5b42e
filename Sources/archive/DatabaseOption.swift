import ArgumentParser

/// The `--db FILE` option shared by the commands that work on one database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive database file.", valueName: "file"))
    var db: String

    func validate() throws { try Self.check(db) }

    /// Refuses what SQLite would read as something other than a file.
    static func check(_ db: String) throws {
        // SQLite reads "" as a private temporary database and ":memory:" as an in-memory one;
        // either would silently write nothing.
        guard !db.isEmpty, db != ":memory:", !db.hasPrefix("file:") else {
            throw ValidationError("--db must name a database file, not '\(db)'.")
        }
    }
}
