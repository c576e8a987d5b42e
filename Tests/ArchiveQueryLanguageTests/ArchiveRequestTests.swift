import ArchiveCore
import ArchiveQueryLanguage
import Testing

/// Parses options for the ChatSession provider, `chat` being the default entity.
func request(_ options: [(String, String)]) throws -> ArchiveRequest {
    try ArchiveRequest.parse(options.map { (name: $0.0, value: $0.1) }, catalog: ChatSessionCatalog.catalog, defaultEntities: ["chat"])
}

/// The error parsing `options` raises.
func requestError(_ options: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> ArchiveError {
    try #require(throws: ArchiveError.self, sourceLocation: sourceLocation) { try request(options) }
}

@Suite("Column names with ':'")
struct ColonNameTests {
    /// A name with ':' is read whole in $select, $orderBy and $filter: a column the catalog has
    /// is that column; one it lacks is an unknown column with suggestions, not a syntax error.
    @Test(arguments: ["$select", "$orderBy"])
    func aNameWithAColonIsOneName(_ option: String) throws {
        let parsed = try request([(option, "person/personUdef/SuperOffice:1")])
        #expect(parsed.query.select.map(\.key) == (option == "$select" ? ["person/personUdef/SuperOffice:1"] : []))
        #expect(parsed.query.orderBy.map(\.column) == (option == "$orderBy" ? ["person/personUdef/SuperOffice:1"] : []))
        let error = try requestError([(option, "person/personUdef/SuperOffice:99")])
        #expect(error.kind == .unknownColumn, "\(error)")
        #expect(error.message.contains("person/personUdef/SuperOffice:99"))
        #expect(error.suggestions.contains("person/personUdef/SuperOffice:9"))
    }

    /// Aggregate modifiers still parse after a name with ':'.
    @Test func modifiersStillParse() throws {
        let parsed = try request([("$select", "GroupBy(person/personUdef/SuperOffice:7):Header,Footer,Count(chatSessionId):Footer")])
        #expect(parsed.query.select.count == 2)
    }

    @Test func aFilterOnSuchANameParses() throws {
        let parsed = try request([("$filter", "person/personUdef/SuperOffice:1 eq 'x'")])
        guard case .condition(let condition)? = parsed.query.restriction else { Issue.record("not one condition"); return }
        #expect(condition.column == "person/personUdef/SuperOffice:1")
    }
}

@Suite("Query options: names")
struct OptionNameTests {
    @Test func noOptionsGiveTheDefaults() throws {
        #expect(try request([]) == ArchiveRequest(query: ArchiveQuery(entities: ["chat"])))
        let bare = try ArchiveRequest.parse([], catalog: ChatSessionCatalog.catalog)
        #expect(bare.query == ArchiveQuery())
        #expect(bare.mode == .slim && bare.output == .logical && !bare.jsonSafe && bare.format == nil && bare.context == nil)
    }

    @Test func everyOptionAtOnce() throws {
        let parsed = try request([
            ("$select", "chatSessionId,person/lastName"), ("$filter", "rating ge 4"), ("$orderBy", "whenRequested desc"),
            ("$top", "50"), ("$skip", "10"), ("$skiptoken", "abc.def"), ("$mode", "Full"), ("$output", "Display"),
            ("$jsonSafe", "true"), ("$format", "xml"), ("$inlineCount", "AllPages"), ("$options", "GrandTotal=true"),
            ("$context", "ctx"), ("$entities", "chat"),
        ])
        let expected = ArchiveRequest(
            query: ArchiveQuery(
                select: [.column("chatSessionId"), .column("person/lastName")],
                restriction: c("rating", "ge", [w("4")]),
                orderBy: [OrderItem("whenRequested", .descending)],
                entities: ["chat"],
                page: Page(top: 50, skip: 10, cursor: "abc.def"),
                options: QueryOptions(inlineCount: true, grandTotal: true)),
            mode: .full, output: .display, jsonSafe: true, format: .xml, context: "ctx")
        var tree = parsed
        tree.query.restriction = parsed.query.restriction?.tree
        #expect(tree == expected)
    }

    @Test("Option names are case-insensitive", arguments: ["$orderby", "$orderBy", "$ORDERBY", "$OrderBy"])
    func orderByInAnyCase(_ name: String) throws {
        #expect(try request([(name, "rating desc")]).query.orderBy == [OrderItem("rating", .descending)])
    }

    @Test(arguments: [
        ("$SELECT", "rating"), ("$Filter", "rating eq 1"), ("$TOP", "1"), ("$Skip", "1"), ("$SKIPTOKEN", "x"), ("$skipToken", "x"),
        ("$Mode", "full"), ("$OUTPUT", "display"), ("$jsonsafe", "1"), ("$JSONSAFE", "1"), ("$Format", "json"),
        ("$inlinecount", "true"), ("$INLINECOUNT", "true"), ("$Options", "grandtotal=true"), ("$CONTEXT", "x"), ("$Entities", "person"),
    ])
    func everyNameInAnyCase(_ name: String, _ value: String) throws {
        let parsed = try request([(name, value)])
        #expect(parsed != (try request([])), "\(name) was not read")
    }

    @Test("Parameters not starting with $ are ignored", arguments: [("top", "x"), ("select", "!!"), ("", "x"), ("filter", "(("), ("api-version", "1")])
    func nonOptions(_ name: String, _ value: String) throws {
        #expect(try request([(name, value), ("$top", "5")]) == (try request([("$top", "5")])))
    }

    @Test(arguments: ["$foo", "$count", "$expand", "$search", "$metadatas", "$", "$ top", "$top$"])
    func unknownOption(_ name: String) throws {
        let error = try requestError([(name, "1")])
        ExpectedError(.invalidOption, name, at: nil, [quotedName(name), "is not a query option", "$select", "$filter", "$orderBy", "$top", "$skip", "$skiptoken", "$mode", "$output", "$jsonSafe", "$format", "$inlineCount", "$options", "$context", "$entities", "$metadata", "$deltatoken"])
            .check(error, name)
        #expect(error.suggestions.count == 16)
    }

    func quotedName(_ name: String) -> String { "'\(name)'" }

    @Test(arguments: [("$orderyb", "$orderBy"), ("$slect", "$select"), ("$fliter", "$filter"), ("$tpo", "$top"), ("$jsonsafety", "$jsonSafe")])
    func aMisspelledOptionIsNamed(_ name: String, _ meant: String) throws {
        let error = try requestError([(name, "1")])
        #expect(error.message.contains("did you mean '\(meant)'?"), "\(error.message)")
        #expect(error.suggestions.first == meant)
    }

    @Test(arguments: [[("$top", "1"), ("$TOP", "2")], [("$top", "1"), ("$top", "1")], [("$filter", "a eq 1"), ("$Filter", "b eq 2")], [("$orderby", "rating"), ("$orderBy", "rating")]])
    func anOptionGivenTwiceIsAnError(_ options: [(String, String)]) throws {
        let error = try requestError(options)
        let canonical = options[0].0.lowercased() == "$orderby" ? "$orderBy" : options[0].0.lowercased()
        ExpectedError(.invalidOption, canonical, at: nil, ["'\(canonical)' is given twice", "once"]).check(error, "\(options)")
        if options[0].0 != options[1].0 {
            #expect(error.message.contains("'\(options[0].0)'") && error.message.contains("'\(options[1].0)'"), "\(error.message)")
        }
    }

    @Test func namesAreCheckedBeforeValues() throws {
        let error = try requestError([("$top", "ten"), ("$foo", "1")])
        #expect(error.option == "$foo")
        let twice = try requestError([("$filter", "(("), ("$top", "1"), ("$Top", "2")])
        #expect(twice.option == "$top")
    }

    @Test func valuesAreCheckedInTheOrderReceived() throws {
        #expect(try requestError([("$skip", "x"), ("$top", "y")]).option == "$skip")
        #expect(try requestError([("$top", "y"), ("$skip", "x")]).option == "$top")
        #expect(try requestError([("$filter", "rating eq"), ("$select", "nope")]).option == "$filter")
    }
}

@Suite("Query options: values")
struct OptionValueTests {
    @Test(arguments: [("0", 0), ("973", 973), ("2147483647", 2_147_483_647), (" 5 ", 5), ("007", 7)])
    func topAndSkip(_ text: String, _ value: Int) throws {
        #expect(try request([("$top", text)]).query.page.top == value)
        #expect(try request([("$skip", text)]).query.page.skip == value)
    }

    @Test(arguments: ["ten", "-1", "+5", "1 0", "1.5", "2147483648", "99999999999999999999", "", " ", "0x10", "1e3", "٣", "5,"])
    func badTopAndSkip(_ text: String) throws {
        for option in ["$top", "$skip"] {
            let error = try requestError([(option, text)])
            ExpectedError(.invalidOption, option, at: nil, ["the value must be a whole number from 0 to 2147483647, not '\(text)'"]).check(error, text)
        }
    }

    @Test func theBriefsExampleMessage() throws {
        #expect(try requestError([("$top", "ten")]).message == "the value must be a whole number from 0 to 2147483647, not 'ten'")
    }

    @Test func skipToken() throws {
        #expect(try request([("$skiptoken", "abc.def")]).query.page.cursor == "abc.def")
        #expect(try request([("$skiptoken", "")]).query.page.cursor == nil)
    }

    @Test(arguments: [("Slim", ResponseMode.slim), ("slim", .slim), ("SLIM", .slim), ("Full", .full), ("full", .full), ("Wide", .full), ("WIDE", .full)])
    func mode(_ text: String, _ mode: ResponseMode) throws {
        #expect(try request([("$mode", text)]).mode == mode)
    }

    @Test(arguments: [("Logical", OutputStyle.logical), ("logical", .logical), ("Display", .display), ("DISPLAY", .display)])
    func output(_ text: String, _ style: OutputStyle) throws {
        #expect(try request([("$output", text)]).output == style)
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("1", true), ("false", false), ("False", false), ("0", false)])
    func jsonSafe(_ text: String, _ value: Bool) throws {
        #expect(try request([("$jsonSafe", text)]).jsonSafe == value)
    }

    @Test(arguments: [
        ("json", ResponseFormat.json), ("JSON", .json), ("application/json", .json), ("Application/JSON", .json), ("text/json", .json),
        ("xml", .xml), ("XML", .xml), ("application/xml", .xml), ("text/xml", .xml),
    ])
    func format(_ text: String, _ format: ResponseFormat) throws {
        #expect(try request([("$format", text)]).format == format)
    }

    @Test(arguments: [("true", true), ("AllPages", true), ("allpages", true), ("Estimate", true), ("false", false), ("None", false), ("NONE", false)])
    func inlineCount(_ text: String, _ value: Bool) throws {
        #expect(try request([("$inlineCount", text)]).query.options.inlineCount == value)
    }

    @Test(arguments: [
        ("$mode", "fat", "Slim, Full or Wide"), ("$mode", "", "Slim, Full or Wide"), ("$output", "raw", "Logical, Display or Typed"),
        ("$jsonSafe", "yes", "true or false"), ("$jsonSafe", "", "true or false"), ("$format", "csv", "json or xml"),
        ("$format", "atom", "json or xml"), ("$inlineCount", "yes", "true, AllPages, Estimate, false or None"),
    ])
    func badScalarValues(_ option: String, _ text: String, _ accepted: String) throws {
        let error = try requestError([(option, text)])
        ExpectedError(.invalidOption, option, at: nil, ["the value must be \(accepted)", "not '\(text)'"]).check(error, "\(option)=\(text)")
    }

    @Test(arguments: [
        ("GrandTotal=true", true), ("grandtotal=TRUE", true), ("GrandTotal=false", false), (" GrandTotal = true ; ", true),
        ("GrandTotal=true;", true), (";GrandTotal=true", true), ("", false), ("GrandTotal=False", false),
    ])
    func providerOptions(_ text: String, _ grandTotal: Bool) throws {
        #expect(try request([("$options", text)]).query.options.grandTotal == grandTotal)
    }

    @Test(arguments: [
        ("GrandTotal", ExpectedError(.invalidOption, "$options", at: 1, ["'GrandTotal' at position 1 is not name=value", "GrandTotal=true"])),
        ("Foo=1", ExpectedError(.invalidOption, "$options", at: 1, ["'Foo' at position 1 is not an option of the ChatSession provider", "GrandTotal"])),
        ("GrandTotal=yes", ExpectedError(.invalidOption, "$options", at: 12, ["GrandTotal must be true or false, not 'yes'"])),
        ("GrandTotal=", ExpectedError(.invalidOption, "$options", at: 12, ["GrandTotal must be true or false, not ''"])),
        ("GrandTotal=true,GrandTotal=false", ExpectedError(.invalidOption, "$options", at: 17, ["GrandTotal is given twice", "position 17"])),
        ("GrandTotal=true; Foo=bar", ExpectedError(.invalidOption, "$options", at: 18, ["'Foo' at position 18"])),
    ])
    func badProviderOptions(_ text: String, _ expected: ExpectedError) throws {
        expected.check(try requestError([("$options", text)]), text)
    }

    @Test func anUnknownProviderOptionSuggestsGrandTotal() throws {
        #expect(try requestError([("$options", "Total=true")]).suggestions == ["GrandTotal"])
    }

    @Test func context() throws {
        #expect(try request([("$context", "accusantium")]).context == "accusantium")
        #expect(try request([("$context", "")]).context == "")
        #expect(try request([]).context == nil)
    }

    @Test(arguments: [("chat", ["chat"]), (" chat , person ", ["chat", "person"]), ("sed", ["sed"]), ("", ["chat"]), ("  ", ["chat"])])
    func entities(_ text: String, _ entities: [String]) throws {
        #expect(try request([("$entities", text)]).query.entities == entities)
    }

    @Test func entitiesDefaultToTheGivenDefault() throws {
        #expect(try request([]).query.entities == ["chat"])
        #expect(try ArchiveRequest.parse([], catalog: ChatSessionCatalog.catalog).query.entities == [])
    }

    @Test func anEmptyEntityIsAnError() throws {
        ExpectedError(.syntax, "$entities", at: 6, ["empty item at position 6"]).check(try requestError([("$entities", "chat,,x")]), "chat,,x")
    }

    @Test func blankSelectFilterAndOrderAreTheDefaults() throws {
        #expect(try request([("$select", ""), ("$filter", " "), ("$orderBy", "")]) == (try request([])))
    }

    @Test func parserErrorsNameTheirOption() throws {
        #expect(try requestError([("$filter", "rating eq")]).option == "$filter")
        #expect(try requestError([("$select", "a,,b")]).option == "$select")
        #expect(try requestError([("$orderby", "rating up")]).option == "$orderBy")
    }
}

@Suite("Query options: columns checked against the catalog")
struct CatalogCheckTests {
    @Test(arguments: [
        ("name", 1, "name"), ("chatSessionId, person/lastNam", 16, "person/lastNam"), ("Count(chatSessionId),Sum(ratng):Footer", 26, "ratng"),
        ("GroupBy(DatePart(whenRequestd):YearMonth)", 18, "whenRequestd"), ("Count( nope ):Footer,HideDetail", 8, "nope"),
    ])
    func anUnknownSelectedColumn(_ text: String, _ position: Int, _ column: String) throws {
        let error = try requestError([("$select", text)])
        ExpectedError(.unknownColumn, "$select", at: position, ["'\(column)' is not a column of the ChatSession provider"]).check(error, text)
        let closest = ChatSessionCatalog.catalog.closestColumnNames(to: column)
        #expect(error.suggestions == closest)
        if !closest.isEmpty { #expect(error.message.contains("did you mean '\(closest[0])'")) }
    }

    @Test func suggestionsAreTheClosestColumns() throws {
        #expect(try requestError([("$select", "person/lastNam")]).suggestions.first == "person/lastName")
        #expect(try requestError([("$select", "ratng")]).suggestions.first == "rating")
        #expect(try requestError([("$orderBy", "whenRequestd desc")]).suggestions.contains("whenRequested"))
    }

    @Test(arguments: ["person___lastName", "PERSON/LASTNAME", "chatsessionid", "GroupBy(DatePart(whenRequested):YearMonth):Header,Footer,Count(chatSessionId):Footer,HideDetail"])
    func knownColumnsInAnyCaseOrSpelling(_ text: String) throws {
        #expect(try !request([("$select", text)]).query.select.isEmpty)
    }

    @Test func anUnknownOrderColumn() throws {
        ExpectedError(.unknownColumn, "$orderBy", at: 9, ["'nam' is not a column of the ChatSession provider"])
            .check(try requestError([("$orderBy", "rating, nam asc")]), "nam")
    }

    @Test(arguments: [("duration desc", 1, "duration"), ("rating, getAllRows", 9, "getAllRows"), ("getNoRows asc", 1, "getNoRows"), ("associate/ejUserId", 1, "associate/ejUserId")])
    func aColumnThatCannotBeOrdered(_ text: String, _ position: Int, _ column: String) throws {
        let catalog = ChatSessionCatalog.catalog
        guard catalog.column(named: column)?.canOrderBy == false else {
            Issue.record("\(column) is orderable in the catalog; pick another column for this test")
            return
        }
        let error = try requestError([("$orderBy", text)])
        ExpectedError(.columnNotOrderable, "$orderBy", at: position, ["\(column) cannot be ordered by"]).check(error, text)
        #expect(error.suggestions.allSatisfy { catalog.column(named: $0)?.canOrderBy == true })
    }

    @Test func orderingByASelectedAggregate() throws {
        let parsed = try request([("$orderBy", "Count(chatSessionId) desc"), ("$select", "GroupBy(type):HideDetail,Count(chatSessionId)")])
        #expect(parsed.query.orderBy == [OrderItem("Count(chatSessionId)", .descending)])
        #expect(try request([("$select", "GroupBy(type):HideDetail,Count(chatSessionId)"), ("$orderBy", "count(chatsessionid)")]).query.orderBy.count == 1)
        #expect(try request([("$select", "GroupBy(type):Header"), ("$orderBy", "type desc")]).query.orderBy == [OrderItem("type", .descending)])
    }

    @Test func orderingByAnAggregateThatIsNotSelected() throws {
        let error = try requestError([("$select", "GroupBy(type):HideDetail,Count(chatSessionId)"), ("$orderBy", "rating, Sum(rating) desc")])
        ExpectedError(.unknownColumn, "$orderBy", at: 9, ["'Sum(rating)'", "$select does not have"]).check(error, "Sum(rating)")
    }

    @Test func filterColumnsAreLeftToTheProvider() throws {
        #expect(try request([("$filter", "nope eq 1")]).query.restriction?.tree == c("nope", "eq", [w("1")]))
    }
}
