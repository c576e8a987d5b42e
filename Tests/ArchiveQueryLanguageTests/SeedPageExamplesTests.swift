import ArchiveCore
import ArchiveQueryLanguage
import ArchiveSQLite
import ArchiveTestSupport
import Testing

/// The sample requests of the seed's endpoint page (`GET /api/v1/ChatSession?…`), each one
/// option written `name=value` exactly as the page shows it (split at the first `=`).
@Suite("The seed page's sample requests")
struct SeedPageExamplesTests {
    static func option(_ text: String) -> (String, String) {
        let equals = text.firstIndex(of: "=")!
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    static func parse(_ text: String) throws -> ArchiveRequest { try request([option(text)]) }

    static func error(_ text: String) throws -> ArchiveError {
        try #require(throws: ArchiveError.self) { try parse(text) }
    }

    @Test func selectOfColumnsTheProviderDoesNotHave() throws {
        // `name` is not a ChatSession column: the first unknown one is named, where it is written.
        let error = try Self.error("$select=name,department,category/id")
        ExpectedError(.unknownColumn, "$select", at: 1, ["'name' is not a column of the ChatSession provider"]).check(error, "$select")
        #expect(try Self.error("$select=col1,col2,abc/col3").message.contains("'col1'"))
    }

    @Test func filterParsesAndTheProviderRejectsItsColumn() throws {
        let parsed = try Self.parse("$filter=name begins 'S'")
        #expect(parsed.query.restriction?.tree == c("name", "begins", [q("S")]))
        let connection = try Fixture.connection()
        let error = try #require(throws: ArchiveError.self) {
            try Fixture.provider.page(parsed.query, context: Fixture.context, database: connection)
        }
        ExpectedError(.unknownColumn, "$filter", at: 1, ["'name' is not a column"]).check(error, "$filter")
    }

    @Test func theOverviewFilter() throws {
        #expect(try Self.parse("$filter=col1 eq 'foo' and startswith(col2, 'baz')").query.restriction?.tree
            == .and([c("col1", "eq", [q("foo")]), c("col2", "begins", [q("baz")], at: 30)]))
    }

    @Test func orderByAColumnTheProviderDoesNotHave() throws {
        ExpectedError(.unknownColumn, "$orderBy", at: 1, ["'name'"]).check(try Self.error("$orderBy=name asc"), "$orderBy")
        ExpectedError(.unknownColumn, "$orderBy", at: 1, ["'abc/col3'"]).check(try Self.error("$orderby=abc/col3,col1"), "$orderby")
    }

    @Test func entitiesParseAndTheProviderRejectsThem() throws {
        let parsed = try Self.parse("$entities=sed")
        #expect(parsed.query.entities == ["sed"])
        let connection = try Fixture.connection()
        let error = try #require(throws: ArchiveError.self) {
            try Fixture.provider.page(parsed.query, context: Fixture.context, database: connection)
        }
        #expect(error.kind == .unknownEntity && error.option == "$entities", "\(error)")
    }

    @Test func theScalarOptions() throws {
        #expect(try Self.parse("$top=973").query.page.top == 973)
        #expect(try Self.parse("$top=1000").query.page.top == 1000)
        #expect(try Self.parse("$skip=403").query.page.skip == 403)
        #expect(try Self.parse("$mode=Full").mode == .full)
        #expect(try Self.parse("$mode=full").mode == .full)
        #expect(try Self.parse("$options=GrandTotal=true").query.options.grandTotal)
        #expect(try Self.parse("$context=accusantium").context == "accusantium")
        #expect(try Self.parse("$format=JSON").format == .json)
        #expect(try Self.parse("$jsonSafe=True").jsonSafe)
        #expect(try Self.parse("$output=Display").output == .display)
    }

    /// The options that parse, together, on a seeded database: the provider takes what the
    /// parser gives it.
    @Test func theOptionsThatParseRunTogether() throws {
        let parsed = try request([
            "$top=973", "$skip=403", "$mode=Full", "$options=GrandTotal=true", "$context=accusantium", "$format=JSON", "$jsonSafe=True",
            "$output=Display", "$inlineCount=true",
        ].map(Self.option))
        let connection = try Connection(path: try SeededDatabase.path(chats: 2_500, seed: 11), mode: .readOnly)
        let page = try ArchiveProvider().page(parsed.query, context: QueryContext(now: SeededDatabase.now), database: connection)
        #expect(page.rows.count == 973)
        #expect(page.totalCount == 2_500)
        #expect(page.columns.map(\.key) == ChatSessionCatalog.catalog.defaultColumns)
    }
}
