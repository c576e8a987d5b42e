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
    /// A case: a name, the request's options as a client writes them, and its context.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let options: String
        var timeZone = "UTC"
        /// Ask for the first page, then explain the page after it (its keyset cursor).
        var nextPage = false
        var description: String { name }
    }

    static let fourPaths = "chatSessionId,whenRequested,person/lastName,associate/fullName,chatTopic/name,contact/name"

    static let cases: [Case] = [
        // `archive bench`'s standard pages.
        Case(name: "page by whenRequested desc", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50"),
        Case(name: "page by whenRequested desc, status in (7,9)", options: "$select=\(fourPaths)&$filter=status oneOf(7,9)&$orderBy=whenRequested desc&$top=50"),
        Case(name: "page by whenRequested, lastMonth", options: "$select=\(fourPaths)&$filter=whenRequested lastMonth&$orderBy=whenRequested&$top=50"),
        Case(name: "page by person/lastName", options: "$select=\(fourPaths)&$orderBy=person/lastName&$top=50"),
        Case(name: "page by person/lastName desc, status in (7,9)", options: "$select=\(fourPaths)&$filter=status oneOf(7,9)&$orderBy=person/lastName desc&$top=50"),
        Case(name: "page by associate/fullName", options: "$select=\(fourPaths)&$orderBy=associate/fullName&$top=50"),
        Case(name: "page by chatTopic/name desc", options: "$select=\(fourPaths)&$orderBy=chatTopic/name desc&$top=50"),
        Case(name: "page by contact/name", options: "$select=\(fourPaths)&$orderBy=contact/name&$top=50"),
        Case(name: "page by type (status name)", options: "$select=\(fourPaths)&$orderBy=type&$top=50"),
        Case(name: "page by whenRequested desc, lastName begins Ber", options: "$select=\(fourPaths)&$filter=person/lastName begins 'Ber'&$orderBy=whenRequested desc&$top=50"),
        Case(name: "page by whenRequested desc, in Europe/Oslo", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50", timeZone: "Europe/Oslo"),
        // Cursor pages: a range seek on the first key, within a segment.
        Case(name: "next page by whenRequested desc", options: "$select=\(fourPaths)&$orderBy=whenRequested desc&$top=50", nextPage: true),
        Case(name: "next page by person/lastName", options: "$select=\(fourPaths)&$orderBy=person/lastName&$top=50", nextPage: true),
        Case(name: "next page by contact/name desc", options: "$select=\(fourPaths)&$orderBy=contact/name desc&$top=50", nextPage: true),
        Case(name: "next page by associate/contactName", options: "$select=\(fourPaths)&$orderBy=associate/contactName&$top=20", nextPage: true),
        Case(name: "next page by two keys", options: "$select=\(fourPaths)&$orderBy=person/lastName,whenRequested desc&$top=50", nextPage: true),
        Case(name: "next page by a boolean, then a date", options: "$select=chatSessionId,associate/isActive&$orderBy=associate/isActive desc,whenRequested&$top=50", nextPage: true),
        Case(name: "next page by date in Europe/Oslo", options: "$select=chatSessionId,date&$orderBy=date desc&$top=50", timeZone: "Europe/Oslo", nextPage: true),
        Case(name: "skip and count", options: "$select=chatSessionId,person/fullName&$filter=rating ge 3&$orderBy=person/fullName&$top=10&$skip=20&$inlinecount=allpages"),
        // Restrictions of every kind.
        Case(name: "text equals, ASCII", options: "$select=chatSessionId&$filter=person/lastName eq 'berg'&$top=10"),
        Case(name: "text equals, not ASCII", options: "$select=chatSessionId&$filter=person/lastName eq 'Østby'&$top=10"),
        Case(name: "text begins, contains, ends", options: "$select=chatSessionId&$filter=person/firstName begins 'an' and contact/name contains 'AS' or associate/fullName ends 'sen'&$top=10"),
        Case(name: "text negated and empty", options: "$select=chatSessionId&$filter=person/lastName notBegins 'B' and person/title eq '' and contact/department unequals 'Sales'&$top=10"),
        Case(name: "text between and oneOf", options: "$select=chatSessionId&$filter=person/lastName between('a','c') and person/firstName oneOf('Anna','Åse','Per') and chatTopic/name notOneOf('Sales')&$top=10"),
        Case(name: "numbers", options: "$select=chatSessionId&$filter=chatSessionId between(10,2000) and rating oneOf(4,5) and queueLength unequals 3 and timeInQueue gt '0:30'&$top=10"),
        Case(name: "booleans", options: "$select=chatSessionId&$filter=associate/isActive eq true and person/retired eq false&$top=10"),
        Case(name: "dates", options: "$select=chatSessionId&$filter=whenRequested afterTime '2026-06-01T08:00:00' and whenEnded before '2026-11-01' and date thisPeriod(week) and person/personRegisteredDate lt '2020-01-01'&$top=10", timeZone: "Europe/Oslo"),
        Case(name: "references and memberships", options: "$select=chatSessionId,associate/otherGroups&$filter=associateId currentAssociate or associate/otherGroups oneOf(1,2) or person/fullName isPK(5)&$top=10"),
        // Aggregates.
        Case(name: "grand total", options: "$select=Count(chatSessionId):HideDetail&$options=GrandTotal=true"),
        Case(name: "groups with header and footer", options: "$select=GroupBy(type):Header,Footer,Count(chatSessionId),Avg(rating):OnlyPositive,chatSessionId&$orderBy=type desc&$top=20"),
        Case(name: "groups ordered by their count", options: "$select=GroupBy(chatTopic/name):HideDetail,Count(chatSessionId)&$orderBy=Count(chatSessionId) desc&$top=10"),
        Case(name: "date parts in Europe/Oslo", options: "$select=GroupBy(DatePart(whenRequested):YearMonth):HideDetail,Sum(rating),Max(associateId)&$top=10", timeZone: "Europe/Oslo"),
    ]

    static let path: String = try! SeededDatabase.path(chats: 20_000, seed: 5)
    static let fixture = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/planned-sql.txt")

    /// The statements of a case, as the fixture holds them.
    static func statements(_ test: Case, provider: ArchiveProvider, connection: Connection) throws -> String {
        let options = test.options.split(separator: "&").map { part -> (String, String) in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(pieces[0]), String(pieces[1]))
        }
        var query = try request(options).query
        let context = RequestContext(now: SeededDatabase.now, timeZone: TimeZone(identifier: test.timeZone)!, currentAssociateID: 2)
        if test.nextPage {
            let cursor = try #require(try provider.page(query, context: context, connection: connection).nextCursor, "\(test.name): no next page")
            query.page.cursor = cursor
        }
        let explanation = try provider.explain(query, context: context, connection: connection)
        return explanation.statements.map { statement in
            statement.sql + "\n-- " + statement.arguments.map { (value: SQLiteValue) in value.description }.joined(separator: ", ")
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
