import ArchiveCore
import ArchiveQueryLanguage
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// The exact SQL (and bound values) the planner writes for a set of standard queries, pinned in
/// `Fixtures/planned-sql.txt`: a change to the planner or a renderer that changes a statement
/// shows up here as a diff, to be explained (and the file regenerated) or fixed.
///
/// Regenerate after an intended change with
/// `ARCHIVE_UPDATE_PLANNED_SQL=1 swift test --filter PlannedSQLTests`, then read the diff.
@Suite("The SQL of the standard queries")
struct PlannedSQLTests {
    typealias Case = StandardQuery
    static let cases = StandardQuery.all

    static let path: String = try! SeededDatabase.path(chats: 20_000, seed: 5)
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/planned-sql.txt")

    /// The statements of a case, as the fixture holds them.
    static func statements(_ test: Case, provider: ArchiveProvider, connection: Connection) throws -> String {
        var query = try request(test.pairs).query
        let context = QueryContext(now: SeededDatabase.now, timeZone: TimeZone(identifier: test.timeZone)!, currentAssociateID: 2)
        if test.nextPage {
            let cursor = try #require(try provider.page(query, context: context, database: connection).nextCursor, "\(test.name): no next page")
            query.page.cursor = cursor
        }
        let explanation = try provider.explain(query, context: context, database: connection)
        return explanation.statements.map { statement in
            statement.sql + "\n-- " + statement.arguments.map { (value: DatabaseValue) in value.description }.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    static func rendered() throws -> [(name: String, text: String)] {
        let provider = ArchiveProvider(cursorKey: Array(repeating: 7, count: 32))
        let connection = try Connection(path: path, mode: .readOnly)
        return try cases.map { ($0.name, try statements($0, provider: provider, connection: connection)) }
    }

    /// The fixture's text for each case name.
    static func pinned() throws -> [String: String] {
        let text = try String(contentsOf: fixture, encoding: .utf8)
        var result: [String: String] = [:]
        for block in text.components(separatedBy: "\n### ").dropFirst() {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            result[String(lines[0])] = lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: .newlines)
        }
        return result
    }

    @Test func everyStatementIsAsPinned() throws {
        let rendered = try Self.rendered()
        if ProcessInfo.processInfo.environment["ARCHIVE_UPDATE_PLANNED_SQL"] == "1" {
            var text = "# The SQL of PlannedSQLTests' standard queries (regenerate: see the test's comment).\n"
            for (name, statements) in rendered { text += "\n### \(name)\n\(statements)\n" }
            try text.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
        let pinned = try Self.pinned()
        #expect(pinned.count == Self.cases.count, "the fixture has \(pinned.count) cases, the test \(Self.cases.count)")
        for (name, statements) in rendered {
            #expect(statements == pinned[name], "\(name): the planner now writes\n\(statements)\ninstead of\n\(pinned[name] ?? "(nothing)")")
        }
    }
}
