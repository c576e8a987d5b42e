import ArchiveCore
import ArchiveTestSupport
import Foundation
import Testing

/// What analysts get from `archive query`: empty values that stay empty, named columns, whole
/// headers, and the list of columns to ask for.
@Suite("Exports and exploring")
struct ExportCommandTests {
    static let path: String = try! SeededDatabase.path(chats: 2_000, seed: 3)

    func archive(_ arguments: [String]) throws -> CommandResult {
        let result = try CommandRunner.archive(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result
    }

    @Test func anAverageOverTheCSVIsTheArchivesAverage() throws {
        let csv = try archive(["query", "--db", Self.path, "--select", "chatSessionId,rating,whenEnded", "--format", "csv"])
        let fields = csv.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(fields.count == 2_000)
        let ratings = fields.map { String($0[1]) }
        // Unrated chats are empty fields, never 0 (ratings are 1 to 5).
        #expect(ratings.contains(""))
        #expect(!ratings.contains("0"))
        #expect(!csv.standardOutput.contains("0001-01-01"))
        let given = ratings.compactMap(Double.init)
        let mean = given.reduce(0, +) / Double(given.count)

        let total = try archive(["query", "--db", Self.path, "--select", "Avg(rating):HideDetail as average", "--options", "GrandTotal=true", "--format", "csv"])
        let lines = total.standardOutput.split(separator: "\n")
        #expect(lines.first == "average")
        let average = try #require(lines.last.flatMap { Double($0) })
        #expect(abs(average - mean) < 1e-9)

        // JSON and NDJSON: null, with datetimes to the second.
        let json = try archive(["query", "--db", Self.path, "--select", "chatSessionId,rating,whenRequested", "--filter", "rating isNull", "--top", "3", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(objects.count == 3 && objects.allSatisfy { $0["rating"] is NSNull })
        let when = try #require(objects.first?["whenRequested"] as? String)
        #expect(when.count == 19 && when.dropFirst(10).first == "T")
    }

    @Test func aggregateColumnsCanBeNamedAndHeadersAreWhole() throws {
        let csv = try archive(["query", "--db", Self.path, "--select", "GroupBy(chatTopic/name):HideDetail as topic,Count(chatSessionId) as chats", "--order-by", "chats desc", "--format", "csv"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first == "topic,chats")
        let counts = lines.dropFirst().compactMap { $0.split(separator: ",").last.flatMap { Int($0) } }
        #expect(counts.count == lines.count - 1 && counts == counts.sorted(by: >))
        #expect(counts.reduce(0, +) == 2_000)

        // A header longer than the values is not cut; --max-width 0 shows long values whole.
        let table = try archive(["query", "--db", Self.path, "--select", "chatSessionId,Count(chatSessionId):HideDetail,firstMessage", "--options", "GrandTotal=true", "--top", "3"])
        #expect(table.standardOutput.hasPrefix("chatSessionId  Count(chatSessionId):HideDetail  firstMessage"))
        let whole = try archive(["query", "--db", Self.path, "--select", "firstMessage", "--top", "50", "--max-width", "0"])
        #expect(!whole.standardOutput.contains("…"))
        let cut = try archive(["query", "--db", Self.path, "--select", "firstMessage", "--top", "50", "--max-width", "10"])
        #expect(cut.standardOutput.contains("…"))
    }

    @Test func theDemoDatabaseFollowsHome() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = "/tmp/archive-home-test"
        environment["XDG_DATA_HOME"] = nil
        environment["ARCHIVE_DATA_HOME"] = nil
        let help = try CommandRunner.archive(["serve", "--help"], environment: environment)
        #expect(help.standardOutput.contains("/tmp/archive-home-test/.local/share/archive-engine/demo.sqlite"))
        environment["XDG_DATA_HOME"] = "/tmp/xdg-data"
        let xdg = try CommandRunner.archive(["serve", "--help"], environment: environment)
        #expect(xdg.standardOutput.contains("/tmp/xdg-data/archive-engine/demo.sqlite"))
        environment["ARCHIVE_DATA_HOME"] = "/tmp/archive-data"
        let own = try CommandRunner.archive(["serve", "--help"], environment: environment)
        #expect(own.standardOutput.contains("/tmp/archive-data/demo.sqlite"))
    }

    @Test func columnsListsEveryColumnWithItsOperators() throws {
        let json = try archive(["columns", "--format", "json"])
        let columns = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let names = columns.compactMap { $0["column"] as? String }
        #expect(names.contains("person/lastName") && names.contains("chatTopic/name") && !names.contains("getAllRows"))
        let rating = try #require(columns.first { $0["column"] as? String == "rating" })
        #expect(rating["type"] as? String == "int" && rating["orderable"] as? Bool == true)
        #expect((rating["operators"] as? [String])?.contains("between") == true)
        let duration = try #require(columns.first { $0["column"] as? String == "duration" })
        #expect(duration["orderable"] as? Bool == false)

        let table = try archive(["columns"])
        #expect(table.standardOutput.hasPrefix("column"))
        #expect(table.standardOutput.contains("person/lastName") && table.standardOutput.hasSuffix("(\(names.count) columns)\n"))
        let all = try archive(["columns", "--all", "--format", "csv"])
        #expect(all.standardOutput.contains("getAllRows,bool,false"))
    }
}
