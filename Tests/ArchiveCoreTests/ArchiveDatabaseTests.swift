@testable import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// The provider reaches a database only through ``ArchiveDatabase``: a database that is not a
/// `Connection` (here one that forwards to a real seeded SQLite file and notes what it is asked)
/// gets the same answers, and its cache identity decides what the provider keeps.
@Suite("The provider on any ArchiveDatabase")
struct ArchiveDatabaseTests {
    /// Forwards to a SQLite connection and records the statements and statistics reads.
    final class RecordingDatabase: ArchiveDatabase {
        let connection: Connection
        let cacheIdentity: String?
        var statements: [String] = []
        var statisticsReads = 0

        init(_ connection: Connection, cacheIdentity: String?) {
            self.connection = connection
            self.cacheIdentity = cacheIdentity
        }

        var dialect: SQLDialect { .sqlite }

        func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (ArchiveSQLite.Row) throws -> Void) throws {
            statements.append(sql)
            try connection.forEachRow(sql, arguments, body)
        }

        func archiveStatistics() throws -> DatabaseStatistics {
            statisticsReads += 1
            return try connection.archiveStatistics()
        }

        func statisticsFingerprint() throws -> String { try connection.statisticsFingerprint() }

        func explainPlan(_ sql: String, _ arguments: [DatabaseValue]) throws -> [String] { try connection.explainPlan(sql, arguments) }

        func execute(_ sql: String, arguments: [DatabaseValue]) throws -> Int {
            statements.append(sql)
            return try connection.execute(sql, arguments: arguments)
        }

        func inTransaction<T>(_ body: () throws -> T) throws -> T { try connection.inTransaction(body) }
        func advanceIdentity(of table: String) throws { try connection.advanceIdentity(of: table) }
        func foreignKeys(of table: String) throws -> [String: String] { try connection.foreignKeys(of: table) }
        func generatedColumns(of table: String) throws -> Set<String> { try connection.generatedColumns(of: table) }
        func refreshStatistics() throws { try connection.refreshStatistics() }
        func secondaryIndexes() throws -> [SecondaryIndex] { try connection.secondaryIndexes() }
    }

    static func query() -> ArchiveQuery {
        var query = ArchiveQuery(select: ["chatSessionId", "person/lastName", "associate/fullName", "chatTopic/name"])
        query.orderBy = [OrderItem("person/lastName"), OrderItem("chatSessionId")]
        query.page = Page(top: 25)
        query.options.inlineCount = true
        return query
    }

    @Test func pagesCursorsAndAggregatesMatchTheConnectionPath() throws {
        let path = try SeededDatabase.path(chats: 400)
        let connection = try Connection(path: path, mode: .readOnly)
        let database = RecordingDatabase(connection, cacheIdentity: "recording:" + path)
        let provider = ArchiveProvider(cursorKey: Array(repeating: 1, count: 32))
        let context = QueryContext()

        var query = Self.query()
        let direct = try provider.page(query, context: context, database: connection)
        let viaProtocol = try provider.page(query, context: context, database: database)
        #expect(viaProtocol.rows.map(\.primaryKey) == direct.rows.map(\.primaryKey))
        #expect(viaProtocol.rows.map { $0.cells.map(\.display) } == direct.rows.map { $0.cells.map(\.display) })
        #expect(viaProtocol.totalCount == direct.totalCount)
        #expect(viaProtocol.rows.count == 25)
        // The page and its count, both through the protocol.
        #expect(database.statements.count == 2)

        // The next page, by the cursor of the first.
        query.page = Page(top: 25, cursor: direct.nextCursor)
        let second = try provider.page(query, context: context, database: database)
        #expect(second.rows.map(\.primaryKey) == (try provider.page(query, context: context, database: connection)).rows.map(\.primaryKey))
        #expect(Set(second.rows.map(\.primaryKey)).isDisjoint(with: viaProtocol.rows.map(\.primaryKey)))

        // Aggregates run their statements through it too.
        let aggregate = ArchiveQuery(select: ["GroupBy(chatTopic/name):Header", "Count(chatSessionId):Header"], orderBy: [OrderItem("chatTopic/name")])
        let before = database.statements.count
        let grouped = try provider.page(aggregate, context: context, database: database)
        #expect(database.statements.count > before)
        #expect(grouped.rows.map { $0.cells.map(\.display) } == (try provider.page(aggregate, context: context, database: connection)).rows.map { $0.cells.map(\.display) })
    }

    @Test func theCacheIdentityDecidesWhatIsKept() throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 400), mode: .readOnly)
        let provider = ArchiveProvider()
        let kept = RecordingDatabase(connection, cacheIdentity: "kept")
        for _ in 0..<3 { _ = try provider.page(Self.query(), context: QueryContext(), database: kept) }
        #expect(kept.statisticsReads == 1)
        // Without an identity nothing is kept: every query reads the statistics again.
        let unkept = RecordingDatabase(connection, cacheIdentity: nil)
        for _ in 0..<3 { _ = try provider.page(Self.query(), context: QueryContext(), database: unkept) }
        #expect(unkept.statisticsReads == 3)
    }

    @Test func explainAsksTheDatabaseForItsPlan() throws {
        let connection = try Connection(path: try SeededDatabase.path(chats: 400), mode: .readOnly)
        let explanation = try ArchiveProvider().explain(Self.query(), context: QueryContext(), database: RecordingDatabase(connection, cacheIdentity: nil))
        #expect(explanation.statements.count == 2)
        #expect(explanation.statements.allSatisfy { !$0.plan.isEmpty })
    }
}
