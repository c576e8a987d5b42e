import ArchiveCore
import ArchivePostgres
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// The same seeded rows in SQLite and in PostgreSQL give the same answers: every standard
/// query (pages with joined paths, cursor pages, restrictions of every kind, periods in a time
/// zone, aggregates), cell for cell, with the same counts and cursors.
@Suite("PostgreSQL answers as SQLite", .needsPostgreSQL)
struct SameAnswersTests {
    /// A page's rows as comparable text: kind, then each cell's typed value and display.
    static func lines(_ page: ArchivePage) -> [String] {
        page.rows.map { row in "\(row.kind) " + row.cells.map { "\($0.raw)|\($0.display)" }.joined(separator: " ; ") }
    }

    @Test(arguments: StandardQuery.all)
    func standardQuery(_ standard: StandardQuery) async throws {
        let archive = try await LoadedArchive.shared()
        let (firstQuery, context) = try LoadedArchive.request(standard)
        var query = firstQuery
        let provider = LoadedArchive.provider
        let sqliteQuery = query
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }
        let expected = try provider.page(sqliteQuery, context: context, database: connection)
        let found = try await archive.pool.withSession { [query] session in try provider.page(query, context: context, database: session) }
        // Each query should have rows here, except one whose period (this week, years ago) none fall in.
        #expect(!expected.rows.isEmpty || standard.name == "dates", "\(standard.name): the seeded archive should have rows for it")
        #expect(found.columns == expected.columns)
        #expect(found.totalCount == expected.totalCount)
        #expect(Self.lines(found) == Self.lines(expected), "\(standard.name)")
        // The cursors hold the same keys, so each engine continues where the other would.
        #expect(found.nextCursor == expected.nextCursor)

        if standard.nextPage, let cursor = expected.nextCursor {
            query.page.cursor = cursor
            let expectedNext = try provider.page(query, context: context, database: connection)
            let foundNext = try await archive.pool.withSession { [query] session in try provider.page(query, context: context, database: session) }
            #expect(!expectedNext.rows.isEmpty)
            #expect(Self.lines(foundNext) == Self.lines(expectedNext), "\(standard.name), next page")
            #expect(foundNext.nextCursor == expectedNext.nextCursor)
        }
    }

    /// Whole result sets, streamed, for orders whose ties and NULLs differ most between engines.
    @Test(arguments: [
        "$select=chatSessionId,person/lastName,whenEnded&$orderBy=whenEnded desc,person/lastName",
        "$select=chatSessionId,contact/name,contact/department&$orderBy=contact/department,contact/name desc",
        "$select=chatSessionId,associate/fullName,rating&$filter=rating isNull or rating le 2&$orderBy=rating,associate/fullName desc",
        "$select=GroupBy(DatePart(whenRequested):DayOfWeek):HideDetail,Count(chatSessionId),Avg(timeInQueue),Sum(duration)",
        "$select=GroupBy(associate/fullName):Header,Footer,Count(chatSessionId),Min(whenRequested),Max(whenEnded),chatSessionId&$orderBy=associate/fullName&$filter=whenRequested lastMonth",
    ])
    func wholeResults(_ options: String) async throws {
        let archive = try await LoadedArchive.shared()
        let (query, context) = try LoadedArchive.request(StandardQuery(name: options, options: options, timeZone: "America/New_York"))
        let provider = LoadedArchive.provider
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }
        var expected: [ArchiveRow] = []
        try provider.stream(query, context: context, database: connection, columns: { _ in }, row: { expected.append($0) })
        let found = try await archive.pool.withSession { session in
            var rows: [ArchiveRow] = []
            try provider.stream(query, context: context, database: session, columns: { _ in }, row: { rows.append($0) })
            return rows
        }
        #expect(expected.count >= 7)  // the fewest: one group per weekday
        #expect(found.count == expected.count)
        let firstDifference = zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "row \(firstDifference ?? -1): \(firstDifference.map { "\(found[$0])" } ?? "") instead of \(firstDifference.map { "\(expected[$0])" } ?? "")")
    }

    /// Every column of the catalog at once (53 joins and the lookups): the same cells on both
    /// engines, and most columns show a value in a page of 300 chats.
    @Test func everyColumnAtOnce() async throws {
        let archive = try await LoadedArchive.shared()
        let catalog = ChatSessionCatalog.catalog
        let query = ArchiveQuery(
            select: catalog.columns.filter(\.isVisible).map { .column($0.name) }, orderBy: [OrderItem("whenRequested", .descending)], page: Page(top: 300))
        let context = QueryContext(now: SeededDatabase.now, timeZone: TimeZone(identifier: "Europe/Oslo")!)
        let provider = LoadedArchive.provider
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }
        let expected = try provider.page(query, context: context, database: connection)
        let found = try await archive.pool.withSession { session in try provider.page(query, context: context, database: session) }
        #expect(expected.columns.count == catalog.columns.filter(\.isVisible).count)
        #expect(Self.lines(found) == Self.lines(expected))
        let shown = expected.columns.indices.filter { index in expected.rows.contains { !$0.cells[index].display.isEmpty } }
        #expect(shown.count > expected.columns.count * 9 / 10, "\(expected.columns.count - shown.count) columns are empty in 300 chats")
    }
}
