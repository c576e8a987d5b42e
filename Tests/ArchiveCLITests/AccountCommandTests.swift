import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("archive user and archive token")
struct AccountCommandTests {
    @Test func usersAndTokensAreManagedFromTheCommandLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("accounts.sqlite")
        #expect(try CommandRunner.archive(["seed", "--db", path, "--chats", "50"]).status == 0)

        let added = try CommandRunner.archive(["user", "add", "--db", path, "reporter", "--first-name", "Rita", "--password-stdin"], input: "Secret1\n")
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.hasPrefix("Added reporter (associate "))
        let again = try CommandRunner.archive(["user", "add", "--db", path, "reporter", "--password-stdin"], input: "Secret1\n")
        #expect(again.status != 0 && again.standardError == "Error: the user 'reporter' already exists\n")

        // Without --password-stdin and without a terminal there is nobody to ask.
        let noTerminal = try CommandRunner.archive(["user", "passwd", "--db", path, "reporter"])
        #expect(noTerminal.status != 0 && noTerminal.standardError.contains("--password-stdin"))
        #expect(try CommandRunner.archive(["user", "passwd", "--db", path, "reporter", "--password-stdin"], input: "Secret2\n").status == 0)

        let created = try CommandRunner.archive(["token", "create", "--db", path, "reporter", "--name", "nightly export"])
        #expect(created.status == 0, "\(created.standardError)")
        let token = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("arc_") && token.count == 47)
        #expect(created.standardError.contains("shown only now"))

        let listed = try CommandRunner.archive(["token", "list", "--db", path])
        #expect(listed.standardOutput.contains(String(token.prefix(12))) && listed.standardOutput.contains("nightly export"))
        #expect(!listed.standardOutput.contains(token))  // never the token itself

        let tooShort = try CommandRunner.archive(["token", "revoke", "--db", path, "arc_"])
        #expect(tooShort.status != 0 && tooShort.standardError.contains("at least 6 characters of its prefix"), "\(tooShort.standardError)")
        let revoked = try CommandRunner.archive(["token", "revoke", "--db", path, String(token.prefix(12))])
        #expect(revoked.status == 0 && revoked.standardOutput.contains("Revoked token"))
        #expect(try CommandRunner.archive(["token", "list", "--db", path]).standardOutput.contains("revoked"))

        #expect(try CommandRunner.archive(["user", "disable", "--db", path, "reporter"]).standardOutput == "Disabled reporter.\n")
        let refused = try CommandRunner.archive(["token", "create", "--db", path, "reporter", "--name", "x"])
        #expect(refused.status != 0 && refused.standardError == "Error: the user 'reporter' is disabled\n")

        let connection = try Connection(path: path, mode: .readOnly)
        #expect(try connection.scalar("SELECT is_active FROM associate WHERE user_name = 'reporter'") == .integer(0))
        #expect(try connection.scalar("SELECT first_name FROM associate WHERE user_name = 'reporter'") == .text("Rita"))
    }

    @Test func aMissingFileIsNotCreatedAndAnOldOneIsSentToMigrate() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing.sqlite")
        let result = try CommandRunner.archive(["token", "list", "--db", missing])
        #expect(result.standardError == "Error: no such file: \(missing)\n")
        #expect(!FileManager.default.fileExists(atPath: missing))

        // A version-1 archive (before API tokens) is refused with the command that upgrades it.
        let old = directory.file("old.sqlite")
        let connection = try Connection(path: old)
        try connection.execute("PRAGMA application_id = 1095910216; PRAGMA user_version = 1; CREATE TABLE associate(id INTEGER PRIMARY KEY)")
        connection.close()
        let refused = try CommandRunner.archive(["token", "list", "--db", old])
        #expect(refused.standardError.contains("run `archive migrate --db \(old)`"), "\(refused.standardError)")
    }
}
