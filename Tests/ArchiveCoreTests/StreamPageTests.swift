import ArchiveCore
import ArchiveSQLite
import Testing

/// A streamed page is the page: the same rows, count and next cursor as `page`, delivered one
/// row at a time.
@Suite("Streamed pages")
struct StreamPageTests {
    static let queries: [(String, ArchiveQuery)] = [
        ("first page by date", ArchiveQuery(select: ["chatSessionId", "person/lastName"], orderBy: [OrderItem("whenRequested", .descending)], page: Page(top: 5))),
        ("last page", ArchiveQuery(select: ["chatSessionId"], orderBy: [OrderItem("chatSessionId")], page: Page(top: 5, skip: 10))),
        ("all rows", ArchiveQuery(select: ["chatSessionId", "associate/fullName"], orderBy: [OrderItem("associate/fullName")])),
        ("with count", ArchiveQuery(select: ["chatSessionId"], restriction: .condition(Condition("status", "oneOf", [.word("3")])), page: Page(top: 2), options: QueryOptions(inlineCount: true))),
        ("aggregates", ArchiveQuery(select: ["GroupBy(status):Footer", "Count(chatSessionId)"], page: Page(top: 4))),
    ]

    @Test(arguments: queries.indices)
    func aStreamedPageEqualsThePage(index: Int) throws {
        let (name, query) = Self.queries[index]
        let connection = try OperatorFixture.connection()
        let provider = OperatorFixture.provider
        let context = OperatorFixture.context()
        let page = try provider.page(query, context: context, database: connection)
        var start: PageStart?
        var rows: [ArchiveRow] = []
        let end = try provider.streamPage(query, context: context, database: connection, start: { start = $0 }, row: { rows.append($0) })
        #expect(start?.columns == page.columns, "\(name)")
        #expect(start?.totalCount == page.totalCount, "\(name)")
        #expect(rows == page.rows, "\(name)")
        #expect(end.nextCursor == page.nextCursor, "\(name)")
        // Following the streamed cursor gives the next rows.
        if let cursor = end.nextCursor {
            var next = query
            next.page = Page(top: query.page.top, cursor: cursor)
            var skipped = query
            skipped.page = Page(top: query.page.top, skip: query.page.skip + rows.count)
            #expect(try provider.page(next, context: context, database: connection).rows == provider.page(skipped, context: context, database: connection).rows, "\(name)")
        }
    }
}
