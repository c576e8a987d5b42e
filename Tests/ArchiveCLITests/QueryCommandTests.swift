import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

@Suite("archive query and archive explain")
struct QueryCommandTests {
    static let path: String = try! SeededDatabase.path(chats: 2_000, seed: 3)

    @Test func csvJsonAndNDJSONCarryTheSameRows() throws {
        let common = ["query", "--db", Self.path, "--select", "chatSessionId,person/lastName,rating", "--filter", "rating ge 4", "--order-by", "chatSessionId"]
        let csv = try CommandRunner.archive(common + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        let lines = csv.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "chatSessionId,person/lastName,rating")

        let json = try CommandRunner.archive(common + ["--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == lines.count - 1 && array.count > 10)
        #expect(array.allSatisfy { ($0["rating"] as? Int ?? 0) >= 4 })

        let ndjson = try CommandRunner.archive(common + ["--format", "ndjson"])
        let objects = try ndjson.standardOutput.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == array.count)
        #expect(objects.first??["chatSessionId"] as? Int == array.first?["chatSessionId"] as? Int)
    }

    @Test func noRowsIsStillValidJSON() throws {
        let none = try CommandRunner.archive(["query", "--db", Self.path, "--select", "chatSessionId", "--filter", "getNoRows eq true", "--format", "json"])
        #expect(none.status == 0)
        #expect(none.standardOutput == "[]\n")
        #expect(try JSONSerialization.jsonObject(with: Data(none.standardOutput.utf8)) as? [Any] != nil)
    }

    @Test func theTableEndsWithTheRowCount() throws {
        let table = try CommandRunner.archive(["query", "--db", Self.path, "--select", "chatSessionId,chatTopic/name", "--top", "7"])
        #expect(table.status == 0)
        #expect(table.standardOutput.hasSuffix("(7 rows)\n"))
        #expect(table.standardOutput.hasPrefix("chatSessionId  chatTopic/name\n"))
    }

    /// Text with a CR LF, a tab and a lone CR: quoted in CSV (so that a CSV reader gets the
    /// rows back), on one line of the table; an empty first column keeps its place there.
    @Test func awkwardTextKeepsEveryFormatsShape() throws {
        let (directory, path) = try SeededDatabase.copy(chats: 50, seed: 3)
        defer { withExtendedLifetime(directory) {} }
        let connection = try Connection(path: path)
        try connection.execute("UPDATE chat_session SET first_message = 'one' || char(13) || char(10) || 'two', last_message = 'a' || char(9) || 'b' || char(13) || 'c' WHERE id = 1")
        try connection.execute("UPDATE chat_session SET first_message = NULL WHERE id = 2")
        connection.close()
        let select = ["query", "--db", path, "--select", "firstMessage,chatSessionId,lastMessage", "--filter", "chatSessionId oneOf (1, 2)", "--order-by", "chatSessionId"]

        let csv = try CommandRunner.archive(select + ["--format", "csv"]).standardOutput
        #expect(csv.hasPrefix("firstMessage,chatSessionId,lastMessage\n\"one\r\ntwo\",1,\"a\tb\rc\"\n"), "\(csv.debugDescription)")

        let table = try CommandRunner.archive(select).standardOutput.split(separator: "\n").map(String.init)
        try #require(table.count == 5, "\(table)")
        let idColumn = try #require(table[0].range(of: "chatSessionId")).lowerBound.utf16Offset(in: table[0])
        for row in table[2...3] {
            let firstDigit = row.firstIndex { $0.isNumber }
            let digit = try #require(firstDigit).utf16Offset(in: row)
            #expect(digit >= idColumn, "the id left its column: \(row.debugDescription)")
            #expect(!row.contains("\r") && !row.contains("\t"), "\(row.debugDescription)")
        }
    }

    @Test func errorsAreTheAPIsInOneLine() throws {
        let bad = try CommandRunner.archive(["query", "--db", Self.path, "--filter", "rating gt 3 and name begins 'S'"])
        #expect(bad.status != 0)
        #expect(bad.standardError == "Error: $filter: 'name' is not a column of the ChatSession provider; did you mean 'chatTopic/name', 'contact/name', 'date'? (at position 17)\n")
        let syntax = try CommandRunner.archive(["query", "--db", Self.path, "--filter", "rating gt"])
        #expect(syntax.standardError.hasPrefix("Error: $filter: ") && syntax.standardError.contains("position"))
    }

    @Test func explainPrintsTheSQLAndThePlan() throws {
        let explained = try CommandRunner.archive(["explain", "--db", Self.path, "--select", "chatSessionId", "--order-by", "whenRequested desc", "--top", "5"])
        #expect(explained.status == 0)
        #expect(explained.standardOutput.hasPrefix("SELECT "))
        #expect(explained.standardOutput.contains("-- plan:") && explained.standardOutput.contains("chat_session_by_when_requested_desc"))
    }
}
