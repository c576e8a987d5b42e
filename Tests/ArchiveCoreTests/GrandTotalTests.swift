import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// The grand total and `$inlineCount` without a restriction read the count triggers keep
/// (V009), which stays exact whoever writes: through the engine or straight into the file.
@Suite("The kept count of chats")
struct GrandTotalTests {
    static func total(_ connection: Connection) throws -> Int64? {
        let query = ArchiveQuery(select: ["Count(chatSessionId)"])
        let page = try ArchiveProvider().page(query, context: QueryContext(), database: connection)
        return page.rows.last.flatMap { row -> Int64? in if case .integer(let n) = row.cells[0].raw { n } else { nil } }
    }

    @Test func theGrandTotalFollowsWritesMadeOutsideTheEngine() throws {
        let (directory, path) = try SeededDatabase.copy(chats: 500)
        _ = directory
        let connection = try Connection(path: path)
        defer { connection.close() }
        #expect(try Self.total(connection) == 500)
        let explained = try ArchiveProvider().explain(ArchiveQuery(select: ["Count(chatSessionId)"]), context: QueryContext(), database: connection)
        #expect(explained.statements.last?.sql.contains("chat_count") == true)

        // As the sqlite3 shell would: plain SQL, no engine.
        try connection.execute("DELETE FROM chat_session WHERE id <= 20")
        try connection.execute("INSERT INTO chat_session (id, topic_id, status, when_requested, queue_length) SELECT 10000 + id, topic_id, status, when_requested, queue_length FROM chat_session WHERE id <= 25")
        let counted = try connection.scalar("SELECT count(*) FROM chat_session")?.integerValue
        #expect(counted == 485)
        #expect(try Self.total(connection) == counted)
        // `$inlineCount` without a filter reads it too; with one, it counts.
        var query = ArchiveQuery(select: ["chatSessionId"], page: Page(top: 1), options: QueryOptions(inlineCount: true))
        #expect(try ArchiveProvider().page(query, context: QueryContext(), database: connection).totalCount == 485)
        query.restriction = .condition(Condition("chatSessionId", "gt", [.word("10000")]))
        #expect(try ArchiveProvider().page(query, context: QueryContext(), database: connection).totalCount == 5)
    }
}
