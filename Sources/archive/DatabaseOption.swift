import ArgumentParser

/// The `--db FILE` option shared by the commands that work on one database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive database file.", valueName: "file"))
    var db: String
}
