import ArchiveCore
import ArchiveEngines
import ArchiveTestSupport
import Foundation
import Testing

/// The commands on a PostgreSQL archive: an export imports into an empty database with the same
/// answers, twice without a change; a create after the import gets an id of its own; users and
/// tokens are made there; the answers to bad input are SQLite's.
@Suite("The commands on PostgreSQL", .enabled(if: PostgresTestCluster.isAvailable, "needs the PostgreSQL server (Debian: postgresql)"))
struct PostgresCommandTests {
    @discardableResult
    func archive(_ arguments: [String], input: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try CommandRunner.archive(arguments, input: input)
        #expect(result.status == 0, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result
    }

    @Test func anExportImportsTwiceWithTheSameAnswersAndNewIdsStayFresh() throws {
        let directory = try TemporaryDirectory()
        let columns = try archive(["import", "--print-columns"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let export = directory.file("chats.ndjson")
        try archive(["query", "--db", ImportCommandTests.source, "--select", columns, "--format", "ndjson"]).standardOutput
            .write(toFile: export, atomically: true, encoding: .utf8)

        let target = try PostgresTestCluster.createDatabase()
        let first = try archive(["import", "--db", target, export])
        #expect(first.standardOutput.contains("chat_session: 600 created, 0 changed, 0 unchanged"))
        for query in ImportCommandTests.queries {
            let expected = try archive(["query", "--db", ImportCommandTests.source, "--format", "csv"] + query).standardOutput
            #expect(try archive(["query", "--db", target, "--format", "csv"] + query).standardOutput == expected, "\(query)")
        }
        let second = try archive(["import", "--db", target, export])
        #expect(second.standardOutput.contains("chat_session: 0 created, 0 changed, 600 unchanged"))
        #expect(second.standardOutput.contains("person: 0 created, 0 changed"))

        // A line that brings the id the identity would give next, then a line whose person has
        // no id (created by name): the second gets an id of its own, within one batch.
        let next = try Archives.withDatabase(try ArchiveLocation(target), .read) { try #require(try $0.fetchValue("SELECT max(id) FROM person")?.integerValue) + 1 }
        let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").prefix(2).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        var explicit = lines[0], byName = lines[1]
        explicit["chatSessionId"] = 90_001
        (explicit["personId"], explicit["person/personId"]) = (next, next)
        (explicit["person/firstName"], explicit["person/lastName"]) = ("Ada", "Explicit")
        byName["chatSessionId"] = 90_002
        (byName["personId"], byName["person/personId"]) = (nil, nil)
        (byName["person/firstName"], byName["person/lastName"]) = ("Bo", "By-Name")
        let extra = directory.file("extra.ndjson")
        try ([explicit, byName].map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(separator: "\n") + "\n")
            .write(toFile: extra, atomically: true, encoding: .utf8)
        let third = try archive(["import", "--db", target, extra])
        #expect(third.standardOutput.contains("chat_session: 2 created"), "\(third.standardOutput)")
        let people = try archive(["query", "--db", target, "--select", "chatSessionId,personId", "--filter", "chatSessionId gt 90000", "--format", "csv"])
        #expect(people.standardOutput.contains("90001,\(next)"))
        #expect(!people.standardOutput.contains("90002,\(next)"))

        // The import brought its own ids; the next ones the archive assigns are past them.
        try Archives.withDatabase(try ArchiveLocation(target), .write) { database in
            let largest = try #require(try database.fetchValue("SELECT max(id) FROM person")?.integerValue)
            let person = try database.insertReturningID(
                "INSERT INTO person (id, first_name, last_name, registered) VALUES (\(newID: "person"), 'New', 'Person', \(moment: 0)) RETURNING id")
            #expect(person > largest)
        }
    }

    @Test func usersAndTokensAreMadeOnPostgreSQL() throws {
        let target = try PostgresTestCluster.createDatabase()
        try archive(["seed", "--db", target, "--chats", "50", "--seed", "3"])
        let added = try archive(["user", "add", "--db", target, "reporter", "--password-stdin"], input: "a long passphrase\n")
        #expect(added.standardOutput.contains("Added reporter"))
        let duplicate = try CommandRunner.archive(["user", "add", "--db", target, "REPORTER", "--password-stdin"], input: "another one\n")
        #expect(duplicate.status != 0 && duplicate.standardError.contains("the user 'REPORTER' already exists"))
        let created = try archive(["token", "create", "--db", target, "reporter", "--name", "nightly"]).standardOutput
        #expect(created.contains("arc_"))
        #expect(try archive(["token", "list", "--db", target]).standardOutput.contains("nightly"))
        try archive(["user", "role", "--db", target, "reporter", "write"])
        try archive(["token", "revoke", "--db", target, "1"])
        #expect(try archive(["token", "list", "--db", target]).standardOutput.contains("revoked"))
        try archive(["user", "disable", "--db", target, "reporter"])
        let missing = try CommandRunner.archive(["user", "disable", "--db", target, "nobody"])
        #expect(missing.status != 0 && missing.standardError.contains("there is no user 'nobody'"))
    }
}
