import ArgumentParser

/// The `archive` command-line tool.
@main
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "An SQLite-backed archive of chat sessions, with an OData-style query API.",
        discussion: """
            Start with `archive seed --db demo.sqlite --chats 10000` to build a database, then look \
            at it with `archive info --db demo.sqlite`, or open it in the sqlite3 shell.
            """,
        subcommands: [SeedCommand.self, MigrateCommand.self, InfoCommand.self]
    )
}
