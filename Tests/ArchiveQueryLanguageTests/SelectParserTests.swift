import ArchiveCore
import ArchiveQueryLanguage
import Testing

@Suite("$select")
struct SelectParserTests {
    static func aggregate(_ function: AggregateFunction, _ argument: ColumnSpec, _ modifiers: [String], key: String) -> ColumnSpec {
        .aggregate(AggregateSpec(function, argument, modifiers: modifiers, key: key))
    }

    static let cases: [(String, [ColumnSpec])] = [
        ("", []),
        ("   ", []),
        ("chatSessionId", [.column("chatSessionId")]),
        ("chatSessionId,person/lastName , chatTopic/name", [.column("chatSessionId"), .column("person/lastName"), .column("chatTopic/name")]),
        ("postAddress___city,PERSON/LASTNAME", [.column("postAddress___city"), .column("PERSON/LASTNAME")]),
        ("Count(chatSessionId):Footer,HideDetail", [aggregate(.count, .column("chatSessionId"), ["Footer", "HideDetail"], key: "Count(chatSessionId):Footer,HideDetail")]),
        ("Count(category):Footer", [aggregate(.count, .column("category"), ["Footer"], key: "Count(category):Footer")]),
        // A ':' between letters or digits is part of a name (the reference's user-defined
        // fields); after ')' it starts the modifiers.
        (
            "person/personUdef/SuperOffice:1,Count(contact/contactUdef/SuperOffice:2):Footer",
            [
                .column("person/personUdef/SuperOffice:1"),
                aggregate(.count, .column("contact/contactUdef/SuperOffice:2"), ["Footer"], key: "Count(contact/contactUdef/SuperOffice:2):Footer"),
            ]
        ),
        (
            "GroupBy(DatePart(whenRequested):YearMonth):Header,Footer",
            [aggregate(.groupBy, aggregate(.datePart, .column("whenRequested"), ["YearMonth"], key: "DatePart(whenRequested):YearMonth"), ["Header", "Footer"],
                       key: "GroupBy(DatePart(whenRequested):YearMonth):Header,Footer")]
        ),
        (
            "GroupBy(type):Header,Footer,Count(chatSessionId)",
            [aggregate(.groupBy, .column("type"), ["Header", "Footer"], key: "GroupBy(type):Header,Footer"), aggregate(.count, .column("chatSessionId"), [], key: "Count(chatSessionId)")]
        ),
        (
            "GroupBy(type):Header:Footer,chatSessionId",
            [aggregate(.groupBy, .column("type"), ["Header", "Footer"], key: "GroupBy(type):Header:Footer"), .column("chatSessionId")]
        ),
        (
            "GroupBy(chatTopic/name):1:Header,GroupBy(type):2:Footer,HideDetail,Count(chatSessionId)",
            [
                aggregate(.groupBy, .column("chatTopic/name"), ["1", "Header"], key: "GroupBy(chatTopic/name):1:Header"),
                aggregate(.groupBy, .column("type"), ["2", "Footer", "HideDetail"], key: "GroupBy(type):2:Footer,HideDetail"),
                aggregate(.count, .column("chatSessionId"), [], key: "Count(chatSessionId)"),
            ]
        ),
        ("GroupBy(type):Header,2", [aggregate(.groupBy, .column("type"), ["Header", "2"], key: "GroupBy(type):Header,2")]),
        ("GroupBy(type):Header, Footer", [aggregate(.groupBy, .column("type"), ["Header", "Footer"], key: "GroupBy(type):Header, Footer")]),
        (
            "Avg(rating):NoNegative,onlypositive, rating",
            [aggregate(.average, .column("rating"), ["NoNegative", "onlypositive"], key: "Avg(rating):NoNegative,onlypositive"), .column("rating")]
        ),
        ("Sum(rating):HideDetail,rating", [aggregate(.sum, .column("rating"), ["HideDetail"], key: "Sum(rating):HideDetail"), .column("rating")]),
        // Without a `:` there are no modifiers to continue: Footer is a column (the catalog says which).
        ("Count(chatSessionId),Footer", [aggregate(.count, .column("chatSessionId"), [], key: "Count(chatSessionId)"), .column("Footer")]),
        // A path that starts like a modifier is a column.
        ("Count(chatSessionId):Footer,footer/x", [aggregate(.count, .column("chatSessionId"), ["Footer"], key: "Count(chatSessionId):Footer"), .column("footer/x")]),
        ("Count( chatSessionId )", [aggregate(.count, .column("chatSessionId"), [], key: "Count( chatSessionId )")]),
    ]

    @Test(arguments: cases)
    func parses(_ text: String, _ expected: [ColumnSpec]) throws {
        let specs = try SelectParser.parse(text)
        #expect(specs == expected)
        #expect(specs.map(\.key) == expected.map(\.key))
    }

    static let errors: [(String, ExpectedError)] = [
        ("a,,b", ExpectedError(.syntax, "$select", at: 3, ["empty item at position 3", "column name"])),
        (",a", ExpectedError(.syntax, "$select", at: 1, ["empty item at position 1"])),
        ("a,", ExpectedError(.syntax, "$select", at: 3, ["empty item at position 3"])),
        ("a, ,b", ExpectedError(.syntax, "$select", at: 4, ["empty item at position 4"])),
        ("name department", ExpectedError(.syntax, "$select", at: 6, ["unexpected 'department' at position 6", "',' between column names"])),
        ("name  department,x", ExpectedError(.syntax, "$select", at: 7, ["unexpected 'department' at position 7"])),
        ("name;department", ExpectedError(.syntax, "$select", at: 5, ["unexpected ';' at position 5", "a column name"])),
        ("chatSessionId,*", ExpectedError(.syntax, "$select", at: 15, ["unexpected '*' at position 15"])),
        ("chatSessionId:Footer", ExpectedError(.syntax, "$select", at: 14, ["unexpected ':' at position 14"])),
        ("Cnt(chatSessionId)", ExpectedError(.invalidAggregate, "$select", at: 1, ["unknown aggregate function 'Cnt'"])),
        ("chatSessionId, Cnt(chatSessionId)", ExpectedError(.invalidAggregate, "$select", at: 16, ["unknown aggregate function 'Cnt'"])),
        ("chatSessionId, Count(chatSessionId", ExpectedError(.invalidAggregate, "$select", at: 35, ["')' to close Count("])),
        ("rating,Count():Footer", ExpectedError(.invalidAggregate, "$select", at: 14, ["unexpected ')'"])),
        ("rating,Count(x):", ExpectedError(.invalidAggregate, "$select", at: 17, ["a modifier is missing"])),
    ]

    @Test(arguments: errors)
    func rejects(_ text: String, _ expected: ExpectedError) throws {
        let error = try #require(throws: ArchiveError.self) { try SelectParser.parse(text) }
        expected.check(error, text)
    }

    @Test func aColumnSelectedTwiceIsAnError() throws {
        let error = try #require(throws: ArchiveError.self) { try SelectParser.parse("chatSessionId,rating,chatSessionId") }
        #expect(error.option == "$select" && error.position == 22)
        #expect(error.message.contains("'chatSessionId' is selected twice"))
        // Spellings that differ are different keys, each written as requested.
        #expect(try SelectParser.parse("rating,RATING").count == 2)
    }

    @Test func aggregatesNestEightLevelsAtMost() throws {
        let eight = String(repeating: "Max(", count: 8) + "rating" + String(repeating: ")", count: 8)
        #expect(try SelectParser.parse(eight).first?.baseColumn == "rating")
        for count in [9, 100_000] {
            let text = "rating," + String(repeating: "Max(", count: count) + "rating" + String(repeating: ")", count: count)
            let error = try #require(throws: ArchiveError.self) { try SelectParser.parse(text) }
            ExpectedError(.invalidAggregate, "$select", at: 43, ["the '(' at position 43", "deeper than 8"]).check(error, "\(count) levels")
        }
    }

    @Test func aLongListOfModifiersStaysOneColumn() throws {
        let text = "GroupBy(type):Header" + String(repeating: ",Footer", count: 20_000) + ",rating"
        let specs = try SelectParser.parse(text)
        #expect(specs.count == 2)
        #expect(specs.last == .column("rating"))
    }
}
