import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import Foundation
import Testing

/// Aggregates on eight chats whose totals are worked out by hand below.
///
/// | id | status       | rating | requested (UTC)  | topic |
/// |----|--------------|--------|------------------|-------|
/// | 1  | 7 Finished   | 5      | 2026-01-10 10:00 | 1     |
/// | 2  | 7 Finished   | 3      | 2026-01-20 11:00 | 1     |
/// | 3  | 9 Closed     | 4      | 2026-02-05 09:00 | 2     |
/// | 4  | 7 Finished   | –      | 2026-02-15 12:00 | 2     |
/// | 5  | 9 Closed     | 2      | 2026-03-01 08:00 | 1     |
/// | 6  | 4 InQueue    | –      | 2026-03-02 23:30 | 1     |
/// | 7  | 7 Finished   | 5      | 2025-12-31 23:30 | 2     | (2026-01-01 00:30 in Oslo)
/// | 8  | 9 Closed     | 1      | 2026-03-10 10:00 | 2     |
@Suite("Aggregation")
struct AggregationTests {
    let connection: Connection
    let provider = ArchiveProvider()

    init() throws {
        connection = try Connection(path: ":memory:")
        try Migrator.migrate(connection)
        var statuses = ""
        for (id, name) in ["Invalid", "PreChatForm", "Faq", "OfflineForm", "InQueue", "CustomerLast", "UserLast", "Finished", "Deleted", "Closed", "RequestPosted", "ClosedFromQueue"].enumerated() {
            statuses += "INSERT INTO chat_session_status(id, name_en, name_no, name_sv, name_de) VALUES (\(id), '\(name)', '\(name)-no', '\(name)-sv', '\(name)-de');\n"
        }
        try connection.execute(statuses + """
            INSERT INTO chat_topic(id, name, registered) VALUES (1, 'Support', '2020-01-01 00:00:00'), (2, 'Sales', '2020-01-01 00:00:00');
            INSERT INTO chat_session(id, topic_id, status, rating, when_requested, first_message) VALUES
              (1, 1, 7, 5, '2026-01-10 10:00:00', 'a'), (2, 1, 7, 3, '2026-01-20 11:00:00', 'b'),
              (3, 2, 9, 4, '2026-02-05 09:00:00', 'c'), (4, 2, 7, NULL, '2026-02-15 12:00:00', 'd'),
              (5, 1, 9, 2, '2026-03-01 08:00:00', 'e'), (6, 1, 4, NULL, '2026-03-02 23:30:00', 'f'),
              (7, 2, 7, 5, '2025-12-31 23:30:00', 'g'), (8, 2, 9, 1, '2026-03-10 10:00:00', 'h');
            """)
    }

    func run(_ select: [ColumnSpec], orderBy: [OrderItem] = [], grandTotal: Bool = false, top: Int? = nil, skip: Int = 0,
             zone: String = "UTC") throws -> ArchivePage {
        let query = ArchiveQuery(select: select, orderBy: orderBy, page: Page(top: top, skip: skip), options: QueryOptions(grandTotal: grandTotal))
        return try provider.page(query, context: QueryContext(timeZone: TimeZone(identifier: zone)!), database: connection)
    }

    /// Each row as `entity pk: display, display, …`.
    func lines(_ page: ArchivePage) -> [String] {
        page.rows.map { "\($0.entityName) \($0.primaryKey): " + $0.cells.map(\.display).joined(separator: ", ") }
    }

    @Test func groupsWithHeadersFootersRunningCountsAndAGrandTotal() throws {
        let page = try run(["GroupBy(type):Header,Footer", "Count(chatSessionId)", "Sum(rating):HideDetail"], grandTotal: true)
        #expect(page.columns.map(\.key) == ["GroupBy(type):Header,Footer", "Count(chatSessionId)", "Sum(rating):HideDetail"])
        // Groups in the order of the list's names: Closed, Finished, InQueue.
        #expect(lines(page) == [
            "header:1 1: Closed, 3, 7",
            "chat 3: Closed, 1, ", "chat 5: Closed, 2, ", "chat 8: Closed, 3, ",
            "footer:1 1: Closed, 3, 7",
            "header:1 2: Finished, 4, 13",
            "chat 1: Finished, 1, ", "chat 2: Finished, 2, ", "chat 4: Finished, 3, ", "chat 7: Finished, 4, ",
            "footer:1 2: Finished, 4, 13",
            "header:1 3: InQueue, 1, ",
            "chat 6: InQueue, 1, ",
            "footer:1 3: InQueue, 1, ",
            "grandtotal 0: , 8, 20",
        ])
        // Group rows carry the list item's id as raw value.
        #expect(page.rows[0].cells[0].raw == .integer(9))
    }

    @Test func bothModifierSpellingsMeanTheSame() throws {
        let commas = try run(["GroupBy(type):Header,Footer", "Count(chatSessionId):HideDetail"])
        let colons = try run(["GroupBy(type):Header:Footer", "Count(chatSessionId):HideDetail"])
        #expect(lines(commas) == lines(colons).map { $0 })
    }

    @Test func hiddenDetailsGiveOneFooterPerGroupComputedBySQLite() throws {
        let page = try run(["GroupBy(type):Footer,HideDetail", "Count(chatSessionId)", "Avg(rating)"])
        #expect(lines(page) == ["footer:1 1: Closed, 3, 2.33", "footer:1 2: Finished, 4, 4.33", "footer:1 3: InQueue, 1, "])
        // No detail rows were read: the explanation has no statement over the detail rows.
        let query = ArchiveQuery(select: ["GroupBy(type):Footer,HideDetail", "Count(chatSessionId)", "Avg(rating)"])
        let statements = try provider.explain(query, context: QueryContext(), database: connection).statements
        // (The grand total, planned in case it is asked for, aggregates every row at once.)
        #expect(statements.allSatisfy { $0.sql.contains("GROUP BY") || $0.sql.hasPrefix("SELECT count(*), avg(") })
    }

    @Test func datePartsAreComputedInTheRequestsTimeZone() throws {
        let select: [ColumnSpec] = ["GroupBy(DatePart(whenRequested):YearMonth):Footer,HideDetail", "Count(chatSessionId)"]
        #expect(lines(try run(select, zone: "Europe/Oslo")) == ["footer:1 1: 2026/01, 3", "footer:1 2: 2026/02, 2", "footer:1 3: 2026/03, 3"])
        #expect(lines(try run(select, zone: "UTC")) == [
            "footer:1 1: 2025/12, 1", "footer:1 2: 2026/01, 2", "footer:1 3: 2026/02, 2", "footer:1 4: 2026/03, 3",
        ])
        // A scalar date part per row.
        let years = try run(["chatSessionId", "DatePart(whenRequested):Year"], orderBy: [OrderItem("chatSessionId")], zone: "Europe/Oslo")
        #expect(years.rows.map { $0.cells[1].display } == ["2026", "2026", "2026", "2026", "2026", "2026", "2026", "2026"])
    }

    @Test func onlyHiddenAggregatesWithoutGroupsGiveTheTotalAlone() throws {
        let page = try run(["Count(chatSessionId):HideDetail", "CountAll(type):HideDetail"], grandTotal: true)
        #expect(lines(page) == ["grandtotal 0: 8, 8"])
    }

    @Test func distinctAndAllCounts() throws {
        let page = try run(["Count(type):HideDetail", "CountAll(type):HideDetail", "Min(rating):HideDetail", "Max(type):HideDetail"], grandTotal: true)
        // Three distinct statuses in eight rows; the lowest rating; the last status name.
        #expect(lines(page) == ["grandtotal 0: 3, 8, 1, InQueue"])
    }

    @Test func runningAveragesInDetailRows() throws {
        let page = try run(["chatSessionId", "Avg(rating)"], orderBy: [OrderItem("chatSessionId")], grandTotal: true)
        #expect(page.rows.map { $0.cells[1].display } == ["5", "4", "4", "4", "3.5", "3.5", "3.8", "3.33", "3.33"])
        #expect(page.rows.last?.entityName == "grandtotal")
    }

    @Test func percentOfTheGroupTotal() throws {
        let page = try run(["GroupBy(type):Footer", "Percent(rating)", "chatSessionId"], orderBy: [OrderItem("chatSessionId")])
        // Closed: ratings 4, 2, 1 of 7; Finished: 5, 3, –, 5 of 13; InQueue: nothing rated.
        #expect(lines(page) == [
            "chat 3: Closed, 57.14, 3", "chat 5: Closed, 28.57, 5", "chat 8: Closed, 14.29, 8", "footer:1 1: Closed, 7, ",
            "chat 1: Finished, 38.46, 1", "chat 2: Finished, 23.08, 2", "chat 4: Finished, , 4", "chat 7: Finished, 38.46, 7",
            "footer:1 2: Finished, 13, ",
            "chat 6: InQueue, , 6", "footer:1 3: InQueue, , ",
        ])
    }

    @Test func nestedLevels() throws {
        let page = try run(["GroupBy(chatTopic/name):1:Header", "GroupBy(type):2:Footer,HideDetail", "Count(chatSessionId)"])
        #expect(lines(page) == [
            "header:1 1: Sales, , 4",
            "footer:2 1: Sales, Closed, 2", "footer:2 2: Sales, Finished, 2",
            "header:1 2: Support, , 4",
            "footer:2 3: Support, Closed, 1", "footer:2 4: Support, Finished, 2", "footer:2 5: Support, InQueue, 1",
        ])
    }

    @Test func pagesOfTheRowStreamAndGroupsOrderedByTheirCount() throws {
        let all = try run(["GroupBy(type):Header,Footer", "Count(chatSessionId)"], grandTotal: true)
        let second = try run(["GroupBy(type):Header,Footer", "Count(chatSessionId)"], grandTotal: true, top: 4, skip: 4)
        #expect(lines(second) == Array(lines(all)[4..<8]))
        #expect(second.nextCursor != nil)
        var cursorQuery = ArchiveQuery(select: ["GroupBy(type):Header,Footer", "Count(chatSessionId)"], page: Page(top: 4), options: QueryOptions(grandTotal: true))
        var walked: [String] = []
        for _ in 0..<10 {
            let page = try provider.page(cursorQuery, context: QueryContext(), database: connection)
            walked += lines(page)
            guard let next = page.nextCursor else { break }
            cursorQuery.page = Page(top: 4, cursor: next)
        }
        #expect(walked == lines(all))

        let byCount = try run(["GroupBy(type):Footer,HideDetail", "Count(chatSessionId)"], orderBy: [OrderItem("Count(chatSessionId)", .descending)])
        #expect(lines(byCount) == ["footer:1 1: Finished, 4", "footer:1 2: Closed, 3", "footer:1 3: InQueue, 1"])
    }

    @Test(arguments: [
        ("Sum(firstMessage)", "needs a number"),
        ("Median(rating)", "unknown aggregate function 'Median'"),
        ("Count(rating):Sideways", "'Sideways' is not a modifier of Count"),
        ("DatePart(rating):Year", "DatePart takes a date or datetime column"),
        ("DatePart(whenRequested):Fortnight", "'Fortnight' is not a modifier of DatePart"),
        ("Count(Sum(rating))", "Count takes a column or DatePart(column)"),
        ("Count(nope)", "'nope' is not a column"),
        ("Count(rating", "expected ')' to close Count("),
    ])
    func badAggregatesAreExplained(spec: String, message: String) throws {
        let error = try #require(throws: ArchiveError.self) { try run([try ColumnSpec(parsing: spec)]) }
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func theInlineCountOfAnAggregateQueryCountsTheMatchingChats() throws {
        var query = ArchiveQuery(select: ["GroupBy(status):HideDetail", "Count(chatSessionId)"], options: QueryOptions(inlineCount: true))
        query.restriction = .condition(Condition("rating", "ge", [w("3")]))
        let page = try provider.page(query, context: QueryContext(), database: connection)
        // Chats 1, 2, 3 and 7 are rated 3 or more (Finished and Closed): the count is of chats, not of groups.
        #expect(page.totalCount == 4)
        #expect(page.rows.count == 2)
        let statements = try provider.explain(query, context: QueryContext(), database: connection).statements
        #expect(statements.contains { $0.sql.hasPrefix("SELECT count(*)") })
    }
}
