import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// `archive backup` and the backup `archive migrate` takes before an upgrade.
@Suite("archive backup")
struct BackupCommandTests {
    @Test func aBackupIsAWholeArchiveAndNeverReplacesAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("served.sqlite")
        try FileManager.default.copyItem(atPath: try SeededDatabase.path(chats: 300, seed: 3), toPath: path)
        let copy = directory.file("copy.sqlite")
        let made = try CommandRunner.archive(["backup", "--db", path, "--to", copy])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.hasPrefix("Backed up \(path) to \(copy)"))
        let query = ["query", "--select", "chatSessionId,person/fullName,rating", "--order-by", "chatSessionId", "--format", "csv"]
        let original = try CommandRunner.archive(query + ["--db", path]).standardOutput
        #expect(try CommandRunner.archive(query + ["--db", copy]).standardOutput == original)
        #expect(original.split(separator: "\n").count == 301)

        let again = try CommandRunner.archive(["backup", "--db", path, "--to", copy])
        #expect(again.status != 0 && again.standardError.contains("already exists; a backup never replaces a file"))
        // A link to nothing is a file there too (writing would go wherever it points).
        let link = directory.file("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.file("nowhere.sqlite"))
        let throughLink = try CommandRunner.archive(["backup", "--db", path, "--to", link])
        #expect(throughLink.status != 0 && throughLink.standardError.contains("already exists"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("nowhere.sqlite")))
        // Names SQLite would read as a database in memory or in a temporary file: no backup at all.
        for name in ["", ":memory:", "file:copy.sqlite?mode=memory"] {
            let unnamed = try CommandRunner.archive(["backup", "--db", path, "--to", name])
            #expect(unnamed.status != 0 && unnamed.standardError.contains("is not a file name a backup can be written to"), "\(name): \(unnamed.standardError)")
        }
        let foreign = directory.file("notes.sqlite")
        _ = try CommandRunner.run(try #require(CommandRunner.sqlite3), [foreign, "CREATE TABLE notes(id)"])
        let refused = try CommandRunner.archive(["backup", "--db", foreign, "--to", directory.file("notes-copy.sqlite")])
        #expect(refused.status != 0 && refused.standardError.contains("is not an archive database"))
        let postgres = try CommandRunner.archive(["backup", "--db", "postgres://archive@localhost/archive", "--to", directory.file("pg.sqlite")])
        #expect(postgres.status != 0 && postgres.standardError.contains("pg_dump"))
    }

    /// An archive of an older version is copied before it is upgraded, and the copy keeps the
    /// old version and the rows.
    @Test func migrateBacksUpBeforeAnUpgrade() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.sqlite")
        let connection = try Connection(path: path)
        try Migrator.migrate(connection, migrations: Array(ArchiveSchema.migrations.dropLast()))
        try connection.execute("INSERT INTO chat_topic (id, name, registered) VALUES (3, 'Kept', '2026-01-01 00:00:00')")
        connection.close()
        let old = ArchiveSchema.currentVersion - 1

        let upgraded = try CommandRunner.archive(["migrate", "--db", path])
        #expect(upgraded.status == 0, "\(upgraded.standardError)")
        #expect(upgraded.standardOutput.contains("Backed up \(path) at schema version \(old) to \(path).v\(old).backup."))
        #expect(upgraded.standardOutput.contains("Upgraded \(path) from schema version \(old) to \(ArchiveSchema.currentVersion)"))
        let backup = try Connection(path: path + ".v\(old).backup", mode: .readOnly)
        defer { backup.close() }
        #expect(try Migrator.version(of: backup) == old)
        #expect(try backup.scalar("SELECT name FROM chat_topic WHERE id = 3")?.textValue == "Kept")

        // Current now: nothing to copy.
        #expect(!(try CommandRunner.archive(["migrate", "--db", path]).standardOutput.contains("Backed up")))
    }

    /// An import into an archive of an older version copies it first too.
    @Test func importBacksUpBeforeAnUpgrade() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.sqlite")
        let connection = try Connection(path: path)
        try Migrator.migrate(connection, migrations: Array(ArchiveSchema.migrations.dropLast()))
        connection.close()
        let file = directory.file("one.ndjson")
        try #"{"chatSessionId": 7, "whenRequested": "2026-11-20T10:00:00", "status": 7, "chatTopic/chatTopicId": 1, "chatTopic/name": "Sales"}"#
            .appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try CommandRunner.archive(["import", "--db", path, file])
        #expect(imported.status == 0, "\(imported.standardError)")
        let old = ArchiveSchema.currentVersion - 1
        #expect(imported.standardError.contains("Backed up \(path) to \(path).v\(old).backup before upgrading it."))
        #expect(FileManager.default.fileExists(atPath: path + ".v\(old).backup"))
    }
}
