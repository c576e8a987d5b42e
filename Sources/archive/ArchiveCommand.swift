import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `archive` command-line tool.
@main
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "An archive of chat sessions, in a SQLite file or on PostgreSQL, with an OData-style query API.",
        discussion: """
            Start with `archive seed --db demo.sqlite --chats 10000` to build a database, then look \
            at it with `archive info --db demo.sqlite`, or open it in the sqlite3 shell. Every \
            --db takes a SQLite file or a postgres:// URL.
            """,
        subcommands: [ServeCommand.self, QueryCommand.self, ExplainCommand.self, ColumnsCommand.self, ImportCommand.self, SeedCommand.self, MigrateCommand.self, BackupCommand.self, InfoCommand.self, UserCommand.self, TokenCommand.self, WebhookCommand.self, BenchCommand.self]
    )

    /// Runs the command; every failure is one line on standard error and a non-zero exit status
    /// (ArgumentParser's own handler adds usage text after argument errors).
    static func main() async {
        // A reader that stops early (`archive columns | head`) closes the pipe: writes then fail
        // with EPIPE, which ends the output quietly (FileHandleOutput), instead of the signal.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            try flushingOutput()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help and friends print and exit 0
            var message = self.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            if code == .validationFailure { message += " (see 'archive help')" }
            Terminal.writeError("Error: \(message)\n")
            terminate(code.rawValue)
        }
    }
}

/// Writes out the output a command printed: a command whose output was lost fails. A reader
/// that has gone (`archive info | head -1`) took what it wanted: that ends quietly, as the
/// shell's own tools do.
private func flushingOutput() throws {
    do { try Terminal.flushOutput() } catch where errno == EPIPE {}
}

private func terminate(_ status: Int32) -> Never { exit(status) }
