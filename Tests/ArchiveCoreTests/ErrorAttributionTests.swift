import ArchiveCore
import ArchiveSQLite
import Testing

/// Every error the provider raises names the query option it comes from, so that the API can
/// say where the problem is.
@Suite("Errors name their query option")
struct ErrorAttributionTests {
    static let cases: [(String, ArchiveQuery, String, ArchiveError.Kind)] = [
        ("unknown selected column", ArchiveQuery(select: ["name"]), "$select", .unknownColumn),
        ("unknown aggregated column", ArchiveQuery(select: ["Count(nope)"]), "$select", .unknownColumn),
        ("unknown filter column", ArchiveQuery(restriction: .condition(Condition("name", "begins", [.string("S")], position: 1))), "$filter", .unknownColumn),
        ("operator the type does not take", ArchiveQuery(restriction: .condition(Condition("rating", "begins", [.string("S")]))), "$filter", .operatorNotAllowed),
        ("unknown order column", ArchiveQuery(orderBy: [OrderItem("name")]), "$orderBy", .unknownColumn),
        ("column that cannot be ordered", ArchiveQuery(orderBy: [OrderItem("getAllRows")]), "$orderBy", .columnNotOrderable),
        ("unknown entity", ArchiveQuery(entities: ["sed"]), "$entities", .unknownEntity),
        ("negative top", ArchiveQuery(page: Page(top: -1)), "$top", .invalidPaging),
        ("negative skip", ArchiveQuery(page: Page(skip: -1)), "$skip", .invalidPaging),
        ("foreign cursor", ArchiveQuery(page: Page(top: 5, cursor: "abc.def")), "$skiptoken", .invalidCursor),
        ("foreign cursor of an aggregate", ArchiveQuery(select: ["Count(chatSessionId)"], page: Page(top: 5, cursor: "abc.def")), "$skiptoken", .invalidCursor),
    ]

    @Test(arguments: cases.indices)
    func theErrorNamesItsOption(index: Int) throws {
        let (name, query, option, kind) = Self.cases[index]
        let connection = try OperatorFixture.connection()
        let error = try #require(throws: ArchiveError.self, "\(name)") {
            _ = try OperatorFixture.provider.page(query, context: OperatorFixture.context(), database: connection)
        }
        #expect(error.option == option, "\(name): \(error)")
        #expect(error.kind == kind, "\(name): \(error)")
    }

    @Test func aFilterErrorKeepsThePositionOfItsCondition() throws {
        let connection = try OperatorFixture.connection()
        let query = ArchiveQuery(restriction: .and([
            .condition(Condition("rating", "gt", [.word("2")], position: 1)),
            .condition(Condition("nope", "eq", [.word("1")], position: 18)),
        ]))
        let error = try #require(throws: ArchiveError.self) {
            _ = try OperatorFixture.provider.page(query, context: OperatorFixture.context(), database: connection)
        }
        #expect(error.position == 18)
        #expect(error.description.hasPrefix("$filter: 'nope' is not a column"))
    }

    @Test func closestColumnNamesAreOffered() {
        #expect(ChatSessionCatalog.catalog.closestColumnNames(to: "person/lastname").first == "person/lastName")
        #expect(ChatSessionCatalog.catalog.closestColumnNames(to: "whenRequestd").contains("whenRequested"))
    }
}

@Suite("Messages and limits")
struct MessageTests {
    @Test func anOperatorErrorShowsTheSpellingsClientsWrite() throws {
        let connection = try OperatorFixture.connection()
        let error = try #require(throws: ArchiveError.self) {
            _ = try OperatorFixture.provider.page(
                ArchiveQuery(restriction: .condition(Condition("rating", "begins", [.string("4")]))), context: OperatorFixture.context(), database: connection)
        }
        #expect(error.message.contains("equals (=, ==, eq)") && error.message.contains("greaterOrEqual (>=, ge)"))
        #expect(error.suggestions.contains("equals"))
    }

    @Test func deeplyNestedSpecsAreRefusedNotRecursedInto() {
        let deep = String(repeating: "Max(", count: 10_000) + "rating" + String(repeating: ")", count: 10_000)
        #expect(throws: ArchiveError.self) { try ColumnSpec(parsing: deep) }
        #expect((try? ColumnSpec(parsing: "GroupBy(DatePart(whenRequested):Year):Header")) != nil)
    }
}
