import ArchiveCore
import ArchivePostgres
import ArchiveTestSupport
import Foundation
import Testing

/// The change feed on PostgreSQL is in commit order, not in the order changes were made: two
/// writers interleaved, the one that made its change first but committed last comes last, so a
/// reader that went on from the first commit's position does not skip it.
@Suite("The change feed's order on PostgreSQL", .needsPostgreSQL)
struct ChangeFeedOrderTests {
    /// A new database of the test cluster holding a seeded archive; its URL.
    static func loadedDatabase(chats: Int) async throws -> String {
        let url = try PostgresTestCluster.createDatabase()
        let path = try SeededDatabase.path(chats: chats, seed: 4)
        let loader = PostgresPool(address: try PostgresAddress(url: url), maximumCount: 1, readOnly: false)
        defer { loader.close() }
        try await loader.withSession { _ = try PostgresLoader.load(sqlitePath: path, into: $0, replacing: false) }
        return url
    }

    @Test func aChangeCommittedLaterComesLaterThoughMadeFirst() async throws {
        let url = try await Self.loadedDatabase(chats: 20)

        let first = try PostgresSession(address: try PostgresAddress(url: url))
        let second = try PostgresSession(address: try PostgresAddress(url: url))
        defer { first.close(); second.close() }
        // The first writer changes chat 1 and holds its transaction open.
        try first.execute("BEGIN")
        try first.execute("UPDATE chat_session SET rating = 2 WHERE id = 1")
        // The second changes chat 2 and commits.
        try second.execute("UPDATE chat_session SET rating = 3 WHERE id = 2")
        let seen = try ChangeFeed.changes(after: 0, limit: 10, in: second)
        #expect(seen.map(\.chatID) == [2])
        let position = try #require(seen.last?.position)
        // Now the first commits: its change follows the one already read.
        try first.execute("COMMIT")
        let next = try ChangeFeed.changes(after: position, limit: 10, in: second)
        #expect(next.map(\.chatID) == [1])
        #expect(try #require(next.first).position > position)
    }

    @Test func manyWritersAtOnceLeaveNoGapAReaderCouldSkip() async throws {
        let url = try await Self.loadedDatabase(chats: 50)

        // Four writers change chats while a reader follows the feed from its last position.
        let address = try PostgresAddress(url: url)
        let writes = 40
        async let readAll: [Int64] = Task.detached {
            let reader = try PostgresSession(address: address)
            defer { reader.close() }
            var positions: [Int64] = []
            var last: Int64 = 0
            let deadline = Date().addingTimeInterval(60)
            while positions.count < writes * 4 && Date() < deadline {
                let changes = try ChangeFeed.changes(after: last, limit: 1_000, in: reader)
                positions += changes.map(\.position)
                last = changes.last?.position ?? last
            }
            return positions
        }.value
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let session = try PostgresSession(address: address)
                    defer { session.close() }
                    for index in 0..<writes {
                        try session.execute("BEGIN")
                        try session.execute("UPDATE chat_session SET alert_level = alert_level + 1 WHERE id = $1", [.integer(Int64(1 + writer * 10 + index % 10))])
                        if index % 3 == 0 { usleep(1_000) }
                        try session.execute("COMMIT")
                    }
                }
            }
            try await group.waitForAll()
        }
        let positions = try await readAll
        // Every change was read once, in order, and the positions run without a gap.
        #expect(positions.count == writes * 4)
        #expect(positions == Array(1...Int64(writes * 4)))
    }
}
