@testable import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

/// Prepared plans are kept per file and reused: every hand-worked operator case, run through one
/// provider on one file (so that plans are cached), twice over, must give the same rows as the
/// semantics say, whatever the cache holds from the cases before it.
@Suite("The plan cache")
struct PlanCacheTests {
    /// One condition in one context, and the chats it must return.
    struct Run {
        let restriction: Restriction
        let context: QueryContext
        let expected: [Int64]
        var orderBy: [OrderItem] = [OrderItem("chatSessionId")]
        let label: String
    }

    static var runs: [Run] {
        let plain = StringOperatorTests.cases + StringOperatorTests.positiveCases + StringOperatorTests.stringOrPKCases
            + NumberAndBoolOperatorTests.numberCases + NumberAndBoolOperatorTests.boolCases + DateOperatorTests.dayCases
            + DateOperatorTests.relativeCases + ListOperatorTests.listCases + ListOperatorTests.userGroupCases
            + ListOperatorTests.associateCases + CombinedRestrictionTests.pseudoCases
        var runs = plain.filter { $0.knownIssue == nil }.map {
            Run(restriction: $0.restriction, context: OperatorFixture.context(), expected: $0.expected, label: $0.testDescription)
        }
        runs += DateOperatorTests.zoneCases.map {
            Run(restriction: $0.condition.restriction, context: OperatorFixture.context(zone: $0.zone), expected: $0.condition.expected,
                label: $0.testDescription)
        }
        // The same relative periods from other days: the cache must tell the days apart.
        runs += DateOperatorTests.nowCases.map {
            Run(restriction: $0.condition.restriction, context: OperatorFixture.context(zone: $0.zone, now: $0.now),
                expected: $0.condition.expected, label: $0.testDescription)
        }
        // The same query for two callers.
        let mine = Restriction.condition(Condition("associateId", "currentAssociate"))
        runs.append(Run(restriction: mine, context: OperatorFixture.context(associate: 3), expected: [1, 4, 11], label: "mine as SVE"))
        runs.append(Run(restriction: mine, context: OperatorFixture.context(associate: 1), expected: [2, 12], label: "mine as ADM"))
        runs += (CombinedRestrictionTests.treeCases + CombinedRestrictionTests.orderedCases).filter { $0.knownIssue == nil }.map {
            Run(restriction: $0.restriction, context: OperatorFixture.context(), expected: $0.expected, orderBy: $0.orderBy, label: $0.name)
        }
        return runs
    }

    @Test func cachedPlansGiveTheSameRowsAsFreshOnes() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection(path: directory.file("fixture.sqlite"))
        try Migrator.migrate(connection)
        try connection.execute(HandMadeArchive.sql)
        let provider = ArchiveProvider()
        let runs = Self.runs
        #expect(runs.count > 500)
        for round in 1...2 {
            for run in runs {
                let query = ArchiveQuery(select: ["chatSessionId"], restriction: run.restriction, orderBy: run.orderBy)
                var got = try provider.page(query, context: run.context, database: connection).rows.map(\.primaryKey)
                if run.orderBy.map(\.column) != ["chatSessionId"] { got.sort() }
                #expect(got == run.expected, "round \(round): \(run.label)")
            }
        }
    }

    @Test func theKeyLeavesOutOnlyThePagePosition() throws {
        let clock = ZonedClock(zone: TimeZone(identifier: "Europe/Oslo")!)
        let context = OperatorFixture.context()
        var query = ArchiveQuery(select: ["chatSessionId"], orderBy: [OrderItem("whenRequested")], page: Page(top: 10))
        let key = PlanCacheKey.make(query, context: context, clock: clock, database: "/a.sqlite")
        // Another page of the same query: same plan.
        query.page = Page(top: 10, skip: 20, cursor: "x")
        #expect(PlanCacheKey.make(query, context: context, clock: clock, database: "/a.sqlite") == key)
        // Another page size, file, language or zone: another plan.
        query.page = Page(top: 11)
        #expect(PlanCacheKey.make(query, context: context, clock: clock, database: "/a.sqlite") != key)
        query.page = Page(top: 10)
        #expect(PlanCacheKey.make(query, context: context, clock: clock, database: "/b.sqlite") != key)
        var norwegian = context
        norwegian.language = .norwegian
        #expect(PlanCacheKey.make(query, context: norwegian, clock: clock, database: "/a.sqlite") != key)
        // The same filter written with other spacing is the same plan.
        query.restriction = .condition(Condition("rating", "eq", [.word("1")], position: 1))
        let spaced = PlanCacheKey.make(query, context: context, clock: clock, database: "/a.sqlite")
        query.restriction = .condition(Condition("rating", "eq", [.word("1")], position: 3))
        #expect(PlanCacheKey.make(query, context: context, clock: clock, database: "/a.sqlite") == spaced)
        query.restriction = nil
        // In-memory databases are not cached: each is another database.
        #expect(try Connection(path: ":memory:").cacheIdentity == nil)
    }
}

@Suite("Cells shared by the rows of a page")
struct ArchiveCellsTests {
    @Test func windowsOnOneBufferIndexFromZeroAndCompareByContent() {
        let storage = (1...6).map { ArchiveCell(raw: .integer(Int64($0)), display: String($0)) }
        let second = ArchiveCells(storage: storage, offset: 3, count: 3)
        #expect(second.map(\.display) == ["4", "5", "6"])
        #expect(second[0].raw == .integer(4))
        #expect(second == ArchiveCells(Array(storage[3...])))
        #expect(second.hashValue == ArchiveCells(Array(storage[3...])).hashValue)
        #expect(second != ArchiveCells(storage: storage, offset: 0, count: 3))
    }

    @Test func everyRowOfAPageHasItsOwnCells() throws {
        let connection = try OperatorFixture.connection()
        let query = ArchiveQuery(select: ["chatSessionId", "person/lastName"], orderBy: [OrderItem("chatSessionId")], page: Page(top: 4))
        let page = try ArchiveProvider().page(query, context: OperatorFixture.context(), database: connection)
        #expect(page.rows.map { $0.cells[0].raw } == [.integer(1), .integer(2), .integer(3), .integer(4)])
        #expect(page.rows.map { $0.cells[1].display } == ["", "Østby", "Berg", "Lindqvist"])
        #expect(page.rows.allSatisfy { $0.cells.count == 2 })
    }
}
