import ArchiveCore
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// A page with a restriction reads the same rows whichever way it reads its order; a walk
/// bounds itself by a range of the order's column and tests conditions on joined rows per
/// walked row (SQLite then builds no Bloom filter of the joined table first).
@Suite("Both readings of a restricted page")
struct OrderReadingTests {
    static let path: String = try! SeededDatabase.path(chats: 20_000, seed: 5)

    static let restrictions: [Restriction] = [
        .condition(Condition("person/lastName", "begins", [.string("Ber")])),
        .and([.condition(Condition("whenRequested", "thisYear")), .condition(Condition("person/lastName", "begins", [.string("B")]))]),
        .and([.condition(Condition("status", "oneOf", [.word("7"), .word("9")])), .condition(Condition("contact/name", "contains", [.string("a")]))]),
        .or([.condition(Condition("person/firstName", "begins", [.string("A")])), .condition(Condition("associate/fullName", "contains", [.string("e")]))]),
    ]

    @Test(arguments: restrictions)
    func bothReadingsGiveTheSameRows(restriction: Restriction) throws {
        let connection = try Connection(path: Self.path, mode: .readOnly)
        defer { connection.close() }
        let provider = ArchiveProvider()
        let context = QueryContext(now: SeededDatabase.now, language: .english)
        let query = ArchiveQuery(
            select: ["chatSessionId", "whenRequested", "person/lastName", "contact/name"], restriction: restriction,
            orderBy: [OrderItem("whenRequested", .descending)], page: Page(top: 50))
        func rows(_ reading: OrderReading) throws -> [[DatabaseValue]] {
            let statement = try provider.explain(query, context: context, database: connection, reading: reading).statements[0]
            return try connection.rows(statement.sql, statement.arguments)
        }
        let walked = try rows(.walkingTheOrder)
        #expect(!walked.isEmpty)
        #expect(walked == (try rows(.filteringFirst)))
    }

    @Test func aWalkKeepsItsRangeOutsideThePerRowTest() throws {
        let connection = try Connection(path: Self.path, mode: .readOnly)
        defer { connection.close() }
        let query = ArchiveQuery(
            select: ["chatSessionId", "person/lastName"], restriction: Self.restrictions[1],
            orderBy: [OrderItem("whenRequested", .descending)], page: Page(top: 50))
        let context = QueryContext(now: SeededDatabase.now, language: .english)
        let statement = try ArchiveProvider().explain(query, context: context, database: connection, reading: .walkingTheOrder).statements[0]
        let tested = try #require(statement.sql.range(of: "coalesce("), "\(statement.sql)")
        let range = try #require(statement.sql.range(of: #""chat"."when_requested" >="#), "\(statement.sql)")
        #expect(range.upperBound < tested.lowerBound, "the range bounds the walk: \(statement.sql)")
        #expect(statement.sql[tested.lowerBound...].contains(#""person"."last_name""#))
        #expect(!statement.plan.contains { $0.contains("BLOOM") }, "\(statement.plan)")
        #expect(statement.plan.first?.contains("chat_session_by_when_requested") == true, "\(statement.plan)")
    }
}
