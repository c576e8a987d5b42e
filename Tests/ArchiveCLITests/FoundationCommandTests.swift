import ArchiveCore
import Foundation
import ArchiveSchema
import ArchiveTestSupport
import Testing

@Suite("archive seed, migrate and info")
struct FoundationCommandTests {
    @Test func seedThenInfoShowsTheTables() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("cli.sqlite")
        let seeded = try CommandRunner.archive(["seed", "--db", path, "--chats", "500", "--seed", "9", "--end", "2026-11-20"])
        #expect(seeded.status == 0, "\(seeded.standardError)")
        #expect(seeded.standardOutput.contains("500 chat sessions"))
        let info = try CommandRunner.archive(["info", "--db", path])
        #expect(info.status == 0)
        #expect(info.standardOutput.contains("Schema version: \(ArchiveSchema.currentVersion)"))
        #expect(info.standardOutput.range(of: #"chat_session\s+500"#, options: .regularExpression) != nil)
        #expect(info.standardOutput.contains("Journal mode:   wal"))
    }

    @Test func seedRefusesToOverwriteWithoutForce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("twice.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "50"]).status == 0)
        let again = try CommandRunner.archive(["seed", "--db", path, "--chats", "50"])
        #expect(again.status != 0)
        #expect(again.standardError == "Error: \(path) already exists; pass --force to replace it\n")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "60", "--force"]).status == 0)
    }

    @Test(arguments: [
        (["seed", "--db", "/nonexistent-dir/x.sqlite", "--chats", "10"], "does not exist"),
        (["seed", "--db", "x.sqlite", "--chats", "0"], "--chats must be between 1"),
        (["seed", "--db", "x.sqlite", "--chats", "10", "--end", "2026-02-30"], "--end must be a date"),
        (["info", "--db", "/nonexistent-dir/x.sqlite"], "no such file"),
        (["migrate", "--db", "/nonexistent-dir/x.sqlite"], "does not exist"),
        (["migrate", "--db", ""], "--db: a database file or a postgres:// URL is needed"),
        (["seed", "--db", ":memory:", "--chats", "10"], "--db: a database file or a postgres:// URL is needed"),
        (["seed", "--chats", "10"], "Missing expected argument '--db <file|url>'"),
        (["frobnicate"], "Unexpected argument"),
    ])
    func failuresAreOneLineOnStandardError(arguments: [String], expected: String) throws {
        let result = try CommandRunner.archive(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        // Exactly one line, never a stack trace or a usage screen.
        #expect(!result.standardError.contains("Fatal error"))
        #expect(result.standardError.hasPrefix("Error: "))
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    }

    @Test func benchPrintsAFigureForEveryQueryOfTheSet() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bench.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "2000", "--seed", "3"]).status == 0)
        let bench = try CommandRunner.archive(["bench", "--db", path, "--iterations", "1"])
        #expect(bench.status == 0, "\(bench.standardError)")
        let lines = bench.standardOutput.split(separator: "\n")
        // A header, eleven pages, the surname page's two readings, two cursor pages (at 90 % of
        // 2,000 rows) and the count.
        #expect(lines.count == 16, "\(bench.standardOutput)")
        #expect(bench.standardOutput.contains("lastName begins Ber: walking the order, matches first"))
        #expect(lines.dropFirst().allSatisfy { $0.contains("x") })
        #expect(bench.standardOutput.contains("cursor page at row 1,800 by person/lastName asc"))
        #expect(bench.standardError.isEmpty)  // no progress line when not on a terminal

        // A cursor page is asked for by any part of its name, as every other query is.
        let deep = try CommandRunner.archive(["bench", "--db", path, "--iterations", "1", "--only", "person/lastName asc"])
        #expect(deep.status == 0, "\(deep.standardError)")
        #expect(deep.standardOutput.split(separator: "\n").count == 2, "\(deep.standardOutput)")
        #expect(deep.standardOutput.contains("cursor page at row 1,800 by person/lastName asc"))

        let none = try CommandRunner.archive(["bench", "--db", path, "--iterations", "1", "--only", "nothing-like-this"])
        #expect(none.status != 0)
        #expect(none.standardError.contains("no query of the standard set has 'nothing-like-this' in its name"))
    }

    @Test func migrateCreatesThenDoesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("m.sqlite")
        let created = try CommandRunner.archive(["migrate", "--db", path])
        #expect(created.standardOutput == "Created \(path) at schema version \(ArchiveSchema.currentVersion).\n")
        let again = try CommandRunner.archive(["migrate", "--db", path])
        #expect(again.standardOutput == "\(path) is at schema version \(ArchiveSchema.currentVersion); nothing to do.\n")
    }

    /// Every command that opens an archive refuses another program's database without changing
    /// it: not even its journal mode, which a connection that may write turns to WAL.
    @Test(.enabled(if: CommandRunner.sqlite3 != nil, "needs the sqlite3 shell"))
    func commandsLeaveAForeignDatabaseAsItWas() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("foreign.sqlite")
        let setup = try CommandRunner.run(try #require(CommandRunner.sqlite3), [path, "CREATE TABLE invoices(id)"])
        try #require(setup.status == 0, "\(setup.standardError)")
        let commands: [(arguments: [String], input: String?)] = [
            (["migrate", "--db", path], nil),
            (["user", "add", "--db", path, "bob", "--password-stdin"], "Secret1\n"),
            (["token", "list", "--db", path], nil),
            (["query", "--db", path, "--select", "chatSessionId"], nil),
        ]
        for (arguments, input) in commands {
            let result = try CommandRunner.archive(arguments, input: input)
            #expect(result.status != 0 && result.standardError.contains("is not an archive database"), "\(arguments[0]): \(result.standardError)")
            let mode = try CommandRunner.run(CommandRunner.sqlite3!, [path, "PRAGMA journal_mode"])
            #expect(mode.standardOutput == "delete\n", "\(arguments[0])")
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aDirectoryIsSaidToBeOneNotAnArchive() throws {
        let directory = try TemporaryDirectory()
        for arguments in [["info", "--db", directory.path], ["query", "--db", directory.path, "--select", "chatSessionId"]] {
            let result = try CommandRunner.archive(arguments)
            #expect(result.status != 0 && result.standardError == "Error: \(directory.path) is a directory, not an archive file\n", "\(result.standardError)")
        }
    }

    @Test func migrateRefusesAFileThatIsNotAnArchive() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.sqlite")
        try "hello".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.archive(["migrate", "--db", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("is not an SQLite database"))
    }

    @Test(.enabled(if: CommandRunner.sqlite3 != nil, "needs the sqlite3 shell"))
    func theSeededFileAnswersQueriesInThePlainShell() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shell.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "300", "--end", "2026-11-20"]).status == 0)
        let query = """
            SELECT count(*), count(DISTINCT p.full_name), sum(s.duration IS NOT NULL), max(c.name_department) IS NOT NULL
            FROM chat_session s LEFT JOIN person p ON p.id = s.person_id LEFT JOIN contact c ON c.id = s.contact_id
            WHERE s.first_message LIKE '%order%' OR s.id > 0;
            """
        let result = try CommandRunner.run(CommandRunner.sqlite3!, [path, query])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("300|"))
        // Writing through the shell works too: no custom function or collation is needed.
        let write = try CommandRunner.run(CommandRunner.sqlite3!, [path, "UPDATE person SET last_name = 'Østby' WHERE id = 20; SELECT full_name FROM person WHERE id = 20;"])
        #expect(write.status == 0, "\(write.standardError)")
        #expect(write.standardOutput.contains("Østby"))
    }
}
