import ArchiveCore
import ArchivePostgres
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// Previous pages on PostgreSQL are SQLite's: the same rows and the same cursors, page by page
/// back from a deep page, for the orders its rewrites treat differently (walked, page first,
/// sorted).
@Suite("PostgreSQL pages back as SQLite", .needsPostgreSQL)
struct PreviousPageEngineTests {
    @Test(arguments: [
        "whenRequested desc", "person/lastName", "associate/fullName desc", "chatTopic/name desc", "contact/name", "type",
        "whenEnded desc,person/lastName",
    ])
    func previousPagesMatch(_ order: String) async throws {
        let archive = try await LoadedArchive.shared()
        let (query, context) = try LoadedArchive.request(StandardQuery(
            name: order, options: "$select=chatSessionId,person/lastName,associate/fullName&$orderBy=\(order)&$top=23"))
        let provider = LoadedArchive.provider
        let connection = try Connection(path: archive.sqlitePath, mode: .readOnly)
        defer { connection.close() }
        let expected = try PagingWalk.walk(query, pages: 5, provider: provider, context: context, database: connection)
        let found = try await archive.pool.withSession { session in
            try PagingWalk.walk(query, pages: 5, provider: provider, context: context, database: session)
        }
        #expect(expected.backward.count == 4)
        #expect(found.forward.map(\.rows) == expected.forward.map(\.rows))
        #expect(found.backward.map(\.rows) == expected.backward.map(\.rows))
        #expect(found.backward.map(\.rows) == expected.forward.dropLast().map(\.rows))
        #expect(found.forward.map(\.previousCursor) == expected.forward.map(\.previousCursor))
        #expect(found.backward.map(\.nextCursor) == expected.backward.map(\.nextCursor))
    }
}
