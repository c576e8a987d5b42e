import ArchiveCore
import ArchiveQueryLanguage
import Testing

@Suite("$orderBy")
struct OrderByParserTests {
    static let cases: [(String, [OrderItem])] = [
        ("", []),
        ("  ", []),
        ("name", [OrderItem("name")]),
        ("name asc,fullname,category desc", [OrderItem("name"), OrderItem("fullname"), OrderItem("category", .descending)]),
        ("abc/col3,col1", [OrderItem("abc/col3"), OrderItem("col1")]),
        ("person/lastName DESC, whenRequested Asc", [OrderItem("person/lastName", .descending), OrderItem("whenRequested")]),
        ("person/lastName dEsC", [OrderItem("person/lastName", .descending)]),
        ("  rating   desc  ", [OrderItem("rating", .descending)]),
        ("rating\tdesc", [OrderItem("rating", .descending)]),
        ("postAddress___city desc", [OrderItem("postAddress___city", .descending)]),
        ("Count(chatSessionId) desc", [OrderItem("Count(chatSessionId)", .descending)]),
        ("Count( chatSessionId ) desc, rating", [OrderItem("Count( chatSessionId )", .descending), OrderItem("rating")]),
        ("GroupBy(type):Footer,HideDetail desc", [OrderItem("GroupBy(type):Footer,HideDetail", .descending)]),
    ]

    @Test(arguments: cases)
    func parses(_ text: String, _ expected: [OrderItem]) throws {
        #expect(try OrderByParser.parse(text) == expected)
    }

    static let errors: [(String, ExpectedError)] = [
        ("name up", ExpectedError(.syntax, "$orderBy", at: 6, ["unexpected 'up' at position 6", "'asc' or 'desc' after 'name'"])),
        ("name ascending", ExpectedError(.syntax, "$orderBy", at: 6, ["unexpected 'ascending'", "'asc' or 'desc'"])),
        ("rating, name asc desc", ExpectedError(.syntax, "$orderBy", at: 18, ["unexpected 'desc' at position 18", "',' or the end after 'name asc'"])),
        ("name desc rating", ExpectedError(.syntax, "$orderBy", at: 11, ["unexpected 'rating'"])),
        ("name,,rating", ExpectedError(.syntax, "$orderBy", at: 6, ["empty item at position 6"])),
        ("name desc,", ExpectedError(.syntax, "$orderBy", at: 11, ["empty item at position 11"])),
        ("name;rating", ExpectedError(.syntax, "$orderBy", at: 5, ["unexpected ';' at position 5"])),
        ("rating, -name", ExpectedError(.syntax, "$orderBy", at: 9, ["unexpected '-' at position 9"])),
        ("Cnt(x) desc", ExpectedError(.invalidAggregate, "$orderBy", at: 1, ["unknown aggregate function 'Cnt'"])),
    ]

    @Test(arguments: errors)
    func rejects(_ text: String, _ expected: ExpectedError) throws {
        let error = try #require(throws: ArchiveError.self) { try OrderByParser.parse(text) }
        expected.check(error, text)
    }
}
