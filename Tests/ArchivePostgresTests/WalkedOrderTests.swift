import ArchiveCore
import ArchivePostgres
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// Orders by joined columns, which PostgreSQL reads as `LATERAL` walks, page for page the same
/// as SQLite: every direction, with restrictions on the walked table, on the chats and on
/// other tables, through several cursor pages and with a skip.
@Suite("PostgreSQL walks orders as SQLite", .needsPostgreSQL)
struct WalkedOrderTests {
    static let orders = [
        "person/lastName", "person/firstName", "associate/fullName", "chatTopic/name", "contact/name", "type",
        "associate/contactName",
    ]
    static let filters = [
        "", "status oneOf(7,9)", "person/lastName begins 'B'", "associate/fullName contains 'an' and rating ge 3",
    ]
    static let cases: [String] = orders.flatMap { order in
        ["", " desc"].flatMap { direction in
            filters.map { filter in
                "$select=chatSessionId,person/lastName,associate/fullName,chatTopic/name,contact/name&$orderBy=\(order)\(direction)&$top=13"
                    + (filter.isEmpty ? "" : "&$filter=\(filter)")
            }
        }
    }

    @Test(arguments: cases)
    func pagesAndCursorsAreTheSame(_ options: String) async throws {
        let archive = try await LoadedArchive.shared()
        let (first, context) = try LoadedArchive.request(StandardQuery(name: options, options: options))
        let provider = LoadedArchive.provider
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }

        func both(_ query: ArchiveQuery) async throws -> (expected: ArchivePage, found: ArchivePage) {
            let expected = try provider.page(query, context: context, database: connection)
            let found = try await archive.pool.withSession { session in try provider.page(query, context: context, database: session) }
            return (expected, found)
        }
        var query = first
        var pages = 0
        for _ in 0..<4 {
            let (expected, found) = try await both(query)
            #expect(SameAnswersTests.lines(found) == SameAnswersTests.lines(expected), "page \(pages + 1)")
            #expect(found.nextCursor == expected.nextCursor, "page \(pages + 1)")
            pages += 1
            guard let cursor = expected.nextCursor else { break }
            query.page.cursor = cursor
        }
        #expect(pages == 4, "the archive should have four pages for every case")

        // A skip past the first rows: each walked row contributes up to the rows the page reaches.
        var skipped = first
        skipped.page.skip = 11
        let (expected, found) = try await both(skipped)
        #expect(!expected.rows.isEmpty)
        #expect(SameAnswersTests.lines(found) == SameAnswersTests.lines(expected), "with $skip")
    }
}
