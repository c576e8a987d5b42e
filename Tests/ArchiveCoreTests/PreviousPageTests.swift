import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// A previous page is the page that came before: following previous cursors from a deep page
/// gives back every page read forward, row for row, for orders with NULLs, missing relations,
/// ties and several keys; a previous cursor leads forward again; the first page has none.
@Suite("Previous pages")
struct PreviousPageTests {
    static let orders: [[OrderItem]] = [
        [OrderItem("whenRequested", .descending)],
        [OrderItem("person/lastName")],
        [OrderItem("person/lastName", .descending)],
        [OrderItem("contact/department"), OrderItem("contact/name", .descending)],
        [OrderItem("whenEnded", .descending), OrderItem("person/lastName")],
        [OrderItem("rating"), OrderItem("associate/fullName", .descending)],
        [OrderItem("chatTopic/name", .descending)],
        [],
    ]

    @Test(arguments: orders.indices)
    func followingPreviousCursorsGivesThePagesBack(index: Int) throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 3_000), mode: .readOnly)
        defer { connection.close() }
        let provider = ArchiveProvider(cursorKey: Array(repeating: 3, count: 32))
        let query = ArchiveQuery(select: ["chatSessionId", "person/lastName", "whenEnded"], orderBy: Self.orders[index], page: Page(top: 17))
        let walk = try PagingWalk.walk(query, pages: 6, provider: provider, context: QueryContext(now: SeededDatabase.now), database: connection)

        #expect(walk.forward.count == 6)
        #expect(walk.forward[0].previousCursor == nil, "the first page has no previous page")
        #expect(walk.backward.count == walk.forward.count - 1)
        for (back, forward) in zip(walk.backward, walk.forward) {
            #expect(back.rows == forward.rows)
            #expect(back.nextCursor == forward.nextCursor, "a previous page's next cursor leads where the forward page's did")
        }
        #expect(walk.backward.first?.previousCursor == nil, "back at the first page")
    }

    /// With fewer rows before the cursor than a page holds (rows deleted, or a page size that
    /// changed), the previous page is the first page, whole.
    @Test func aShortPreviousPageIsTheFirstPage() throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 3_000), mode: .readOnly)
        defer { connection.close() }
        let provider = ArchiveProvider(cursorKey: Array(repeating: 3, count: 32))
        let context = QueryContext(now: SeededDatabase.now)
        var query = ArchiveQuery(select: ["chatSessionId"], orderBy: [OrderItem("chatSessionId")], page: Page(top: 5))
        let first = try provider.page(query, context: context, database: connection)
        query.page.cursor = first.nextCursor
        let second = try provider.page(query, context: context, database: connection)
        // A larger page from the second page's previous cursor: only 5 rows precede it.
        query.page = Page(top: 8, cursor: second.previousCursor)
        let previous = try provider.page(query, context: context, database: connection)
        #expect(previous.rows.map(\.primaryKey) == Array(1...8))
        #expect(previous.previousCursor == nil)
    }

    /// A previous cursor cannot be passed off as a next one, or used with another query.
    @Test func aPreviousCursorBelongsToItsQuery() throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 3_000), mode: .readOnly)
        defer { connection.close() }
        let provider = ArchiveProvider(cursorKey: Array(repeating: 3, count: 32))
        let context = QueryContext(now: SeededDatabase.now)
        var query = ArchiveQuery(select: ["chatSessionId"], orderBy: [OrderItem("person/lastName")], page: Page(top: 5))
        query.page.cursor = try provider.page(query, context: context, database: connection).nextCursor
        let cursor = try #require(try provider.page(query, context: context, database: connection).previousCursor)
        var other = query
        other.orderBy = [OrderItem("contact/name")]
        other.page.cursor = cursor
        #expect(throws: ArchiveError.self) { try provider.page(other, context: context, database: connection) }
    }
}
