import ArchiveCore
import ArchiveQueryLanguage
import Testing

// Exact restriction trees for every form of the $filter grammar. Positions are those of each
// condition's column in the filter text (1-based).

struct FilterCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: Restriction
    init(_ text: String, _ expected: Restriction) {
        self.text = text
        self.expected = expected
    }
    var testDescription: String { text }
}

@Suite("$filter: restriction trees")
struct FilterParserTests {
    static let operatorsCases: [FilterCase] = [
        FilterCase("rating eq 4", c("rating", "eq", [w("4")])),
        FilterCase("rating = 4", c("rating", "=", [w("4")])),
        FilterCase("rating == 4", c("rating", "==", [w("4")])),
        FilterCase("rating equals 4", c("rating", "equals", [w("4")])),
        FilterCase("rating equal 4", c("rating", "equal", [w("4")])),
        FilterCase("rating ne 4", c("rating", "ne", [w("4")])),
        FilterCase("rating != 4", c("rating", "!=", [w("4")])),
        FilterCase("rating <> 4", c("rating", "<>", [w("4")])),
        FilterCase("rating unequals 4", c("rating", "unequals", [w("4")])),
        FilterCase("rating notEquals 4", c("rating", "notEquals", [w("4")])),
        FilterCase("rating gt 3", c("rating", "gt", [w("3")])),
        FilterCase("rating > 3", c("rating", ">", [w("3")])),
        FilterCase("rating greater 3", c("rating", "greater", [w("3")])),
        FilterCase("rating lt 3", c("rating", "lt", [w("3")])),
        FilterCase("rating < 3", c("rating", "<", [w("3")])),
        FilterCase("rating less 3", c("rating", "less", [w("3")])),
        FilterCase("rating ge 4", c("rating", "ge", [w("4")])),
        FilterCase("rating >= 4", c("rating", ">=", [w("4")])),
        FilterCase("rating greaterOrEqual 4", c("rating", "greaterOrEqual", [w("4")])),
        FilterCase("rating le 2", c("rating", "le", [w("2")])),
        FilterCase("rating <= 2", c("rating", "<=", [w("2")])),
        FilterCase("rating lessOrEqual 2", c("rating", "lessOrEqual", [w("2")])),
        FilterCase("rating set 5", c("rating", "set", [w("5")])),
        FilterCase("rating set", c("rating", "set")),
        FilterCase("rating isNull", c("rating", "isNull")),
        FilterCase("rating isNotNull", c("rating", "isNotNull")),
        FilterCase("rating between (2, 4)", c("rating", "between", [w("2"), w("4")])),
        FilterCase("birthYear between ('1972','1980')", c("birthYear", "between", [q("1972"), q("1980")])),
        FilterCase("name between ('A','S')", c("name", "between", [q("A"), q("S")])),
        FilterCase("xstop set", c("xstop", "set")),
        FilterCase("hasInterests set true", c("hasInterests", "set", [w("true")])),
        FilterCase("person/retired set 0", c("person/retired", "set", [w("0")])),
        FilterCase("name contains 'Super'", c("name", "contains", [q("Super")])),
        FilterCase("name is 'Super'", c("name", "is", [q("Super")])),
        FilterCase("name notBegins 'Super'", c("name", "notBegins", [q("Super")])),
        FilterCase("name notContains 'Super'", c("name", "notContains", [q("Super")])),
        FilterCase("name isNot 'Super'", c("name", "isNot", [q("Super")])),
        FilterCase("name begins 'Super'", c("name", "begins", [q("Super")])),
        FilterCase("name ends 'Super'", c("name", "ends", [q("Super")])),
        FilterCase("name notEnds 'Super'", c("name", "notEnds", [q("Super")])),
        FilterCase("name startsWith 'Super'", c("name", "startsWith", [q("Super")])),
        FilterCase("name endsWith 'Super'", c("name", "endsWith", [q("Super")])),
        FilterCase("person/fullName isPK 5", c("person/fullName", "isPK", [w("5")])),
        FilterCase("category in (2,3,4)", c("category", "in", [w("2"), w("3"), w("4")])),
        FilterCase("category oneOf (3,6)", c("category", "oneOf", [w("3"), w("6")])),
        FilterCase("category NotOneOf (3, 6)", c("category", "NotOneOf", [w("3"), w("6")])),
        FilterCase("category notIn (1)", c("category", "notIn", [w("1")])),
        FilterCase("category oneOf 3", c("category", "oneOf", [w("3")])),
        FilterCase("associateId associateIsOneOf (1, 4)", c("associateId", "associateIsOneOf", [w("1"), w("4")])),
        FilterCase("associateId associateIsNotOneOf (2)", c("associateId", "associateIsNotOneOf", [w("2")])),
        FilterCase("associateId currentAssociate", c("associateId", "currentAssociate")),
        FilterCase("assocId currentAssociate", c("assocId", "currentAssociate")),
        FilterCase("registered before '2014.3.4'", c("registered", "before", [q("2014.3.4")])),
        FilterCase("registered date '2014.3.4'", c("registered", "date", [q("2014.3.4")])),
        FilterCase("registered after '2014.3.4'", c("registered", "after", [q("2014.3.4")])),
        FilterCase("registered on '2014.3.4'", c("registered", "on", [q("2014.3.4")])),
        FilterCase("registered from '2014.3.4'", c("registered", "from", [q("2014.3.4")])),
        FilterCase("registered to '2014.3.4'", c("registered", "to", [q("2014.3.4")])),
        FilterCase("registered beforeOrEqual '2014.3.4'", c("registered", "beforeOrEqual", [q("2014.3.4")])),
        FilterCase("registered afterOrEqual '2014.3.4'", c("registered", "afterOrEqual", [q("2014.3.4")])),
        FilterCase("registered dateBetween ('2014.11.29', '2014.12.25')", c("registered", "dateBetween", [q("2014.11.29"), q("2014.12.25")])),
        FilterCase("whenRequested afterTime '2020-05-28T15:00:00'", c("whenRequested", "afterTime", [q("2020-05-28T15:00:00")])),
        FilterCase("whenRequested beforeTime '2020-05-28T15:00:00'", c("whenRequested", "beforeTime", [q("2020-05-28T15:00:00")])),
        FilterCase("whenRequested dateTime '2020-05-28T15:00:00'", c("whenRequested", "dateTime", [q("2020-05-28T15:00:00")])),
        FilterCase("updatedDate beforeToday", c("updatedDate", "beforeToday")),
        FilterCase("updatedDate today", c("updatedDate", "today")),
        FilterCase("updatedDate afterToday", c("updatedDate", "afterToday")),
        FilterCase("updatedDate lastWeek", c("updatedDate", "lastWeek")),
        FilterCase("updatedDate thisWeek", c("updatedDate", "thisWeek")),
        FilterCase("updatedDate nextWeek", c("updatedDate", "nextWeek")),
        FilterCase("updatedDate lastMonth", c("updatedDate", "lastMonth")),
        FilterCase("updatedDate thisMonth", c("updatedDate", "thisMonth")),
        FilterCase("updatedDate nextMonth", c("updatedDate", "nextMonth")),
        FilterCase("updatedDate lastQuarter", c("updatedDate", "lastQuarter")),
        FilterCase("updatedDate thisQuarter", c("updatedDate", "thisQuarter")),
        FilterCase("updatedDate nextQuarter", c("updatedDate", "nextQuarter")),
        FilterCase("updatedDate thisHalf", c("updatedDate", "thisHalf")),
        FilterCase("updatedDate thisYear", c("updatedDate", "thisYear")),
        FilterCase("whenRequested thisPeriod week", c("whenRequested", "thisPeriod", [w("week")])),
        FilterCase("whenRequested this 'weeks'", c("whenRequested", "this", [q("weeks")])),
        FilterCase("whenRequested nextPeriod (2, 'weeks')", c("whenRequested", "nextPeriod", [w("2"), q("weeks")])),
        FilterCase("whenRequested previousPeriod (1, month)", c("whenRequested", "previousPeriod", [w("1"), w("month")])),
        FilterCase("whenRequested thisAndNext (2, weeks)", c("whenRequested", "thisAndNext", [w("2"), w("weeks")])),
        FilterCase("whenRequested thisAndPrevious (1, 'month')", c("whenRequested", "thisAndPrevious", [w("1"), q("month")])),
        FilterCase("whenRequested thisPreviousAndNext 'quarter'", c("whenRequested", "thisPreviousAndNext", [q("quarter")])),
        FilterCase("tags intArrayOneOf (1, 2)", c("tags", "intArrayOneOf", [w("1"), w("2")])),
        FilterCase("whenRequested approx 3", c("whenRequested", "approx", [w("3")])),
    ]

    @Test("Every operator family and synonym passes through as written, with its values", arguments: operatorsCases)
    func operators(_ c: FilterCase) throws {
        #expect(try parseTree(c.text) == c.expected)
    }

    static let spacingCases: [FilterCase] = [
        FilterCase("contactId=12", c("contactId", "=", [w("12")])),
        FilterCase("getAllRows=true", c("getAllRows", "=", [w("true")])),
        FilterCase("rating>=4", c("rating", ">=", [w("4")])),
        FilterCase("rating<=4", c("rating", "<=", [w("4")])),
        FilterCase("rating!=4", c("rating", "!=", [w("4")])),
        FilterCase("rating<>4", c("rating", "<>", [w("4")])),
        FilterCase("rating<4", c("rating", "<", [w("4")])),
        FilterCase("rating>4", c("rating", ">", [w("4")])),
        FilterCase("rating==4", c("rating", "==", [w("4")])),
        FilterCase("rating =4", c("rating", "=", [w("4")])),
        FilterCase("rating= 4", c("rating", "=", [w("4")])),
        FilterCase("rating=-3", c("rating", "=", [w("-3")])),
        FilterCase("rating>=-3.5", c("rating", ">=", [w("-3.5")])),
        FilterCase("  rating eq 4  ", c("rating", "eq", [w("4")], at: 3)),
        FilterCase("rating\teq\t4", c("rating", "eq", [w("4")])),
        FilterCase("rating eq\n4", c("rating", "eq", [w("4")])),
        FilterCase("name begins'S'", c("name", "begins", [q("S")])),
        FilterCase("name eq'x'and rating eq 1", .and([c("name", "eq", [q("x")]), c("rating", "eq", [w("1")], at: 15)])),
        FilterCase("rating in(1,2)", c("rating", "in", [w("1"), w("2")])),
        FilterCase("rating in ( 1 , 2 )", c("rating", "in", [w("1"), w("2")])),
        FilterCase("(rating eq 1)and(rating eq 2)", .and([c("rating", "eq", [w("1")], at: 2), c("rating", "eq", [w("2")], at: 18)])),
        FilterCase("rating EQ 4", c("rating", "EQ", [w("4")])),
        FilterCase("name BEGINS 'S'", c("name", "BEGINS", [q("S")])),
        FilterCase("Person/LastName eq 'x'", c("Person/LastName", "eq", [q("x")])),
        FilterCase("postAddress___city begins 'Os'", c("postAddress___city", "begins", [q("Os")])),
        FilterCase("associate/contactName contains 'a'", c("associate/contactName", "contains", [q("a")])),
        FilterCase("rating eq 4 AND rating ne 5", .and([c("rating", "eq", [w("4")]), c("rating", "ne", [w("5")], at: 17)])),
        FilterCase("rating eq 4 Or rating ne 5", .or([c("rating", "eq", [w("4")]), c("rating", "ne", [w("5")], at: 16)])),
        FilterCase("rating eq 4 aNd rating ne 5 OR xstop set", .or([.and([c("rating", "eq", [w("4")]), c("rating", "ne", [w("5")], at: 17)]), c("xstop", "set", at: 32)])),
    ]

    @Test("Spaces around symbols are optional; keywords and operators keep their case", arguments: spacingCases)
    func spacing(_ c: FilterCase) throws {
        #expect(try parseTree(c.text) == c.expected)
    }

    static let literalsCases: [FilterCase] = [
        FilterCase("rating gt +5", c("rating", "gt", [w("+5")])),
        FilterCase("rating eq '4'", c("rating", "eq", [q("4")])),
        FilterCase("date eq 2019-10-15", c("date", "eq", [w("2019-10-15")])),
        FilterCase("rating eq [I:10]", c("rating", "eq", [w("[I:10]")])),
        FilterCase("name eq ''", c("name", "eq", [q("")])),
        FilterCase("name eq ''''", c("name", "eq", [q("'")])),
        FilterCase("name in ('', 'x')", c("name", "in", [q(""), q("x")])),
        FilterCase("name eq 'and'", c("name", "eq", [q("and")])),
        FilterCase("name eq 'x (y), z = 1'", c("name", "eq", [q("x (y), z = 1")])),
        FilterCase("name eq '\"quoted\"'", c("name", "eq", [q("\"quoted\"")])),
        FilterCase("name eq 'Østby'", c("name", "eq", [q("Østby")])),
        FilterCase("name eq Østby", c("name", "eq", [w("Østby")])),
        FilterCase("name eq 'Bob\\'s'", c("name", "eq", [q("Bob's")])),
        FilterCase("name eq 'Bob''s'", c("name", "eq", [q("Bob's")])),
        FilterCase("name eq 'C:\\temp'", c("name", "eq", [q("C:\\temp")])),
        FilterCase("name eq 'C:\\\\temp'", c("name", "eq", [q("C:\\temp")])),
        FilterCase("name eq 'a\\\\'", c("name", "eq", [q("a\\")])),
        FilterCase("name eq '\\\\\\''", c("name", "eq", [q("\\'")])),
        FilterCase("name eq 'tab\\there'", c("name", "eq", [q("tab\\there")])),
        FilterCase("name in ('it''s', 'Bob\\'s') and rating eq 1", .and([c("name", "in", [q("it's"), q("Bob's")]), c("rating", "eq", [w("1")], at: 33)])),
        FilterCase("whenRequested dateTime '2010-12-02Z12:00:00'", c("whenRequested", "dateTime", [q("2010-12-02Z12:00:00")])),
    ]

    @Test("Quoted values are strings, bare ones words; escapes inside strings", arguments: literalsCases)
    func literals(_ c: FilterCase) throws {
        #expect(try parseTree(c.text) == c.expected)
    }

    static let functionsCases: [FilterCase] = [
        FilterCase("startswith(name, 'S')", c("name", "begins", [q("S")], at: 12)),
        FilterCase("startswith(name,'S') eq true", c("name", "begins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S') eq false", c("name", "notBegins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S') = false", c("name", "notBegins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S')==false", c("name", "notBegins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S') ne true", c("name", "notBegins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S') != false", c("name", "begins", [q("S")], at: 12)),
        FilterCase("startswith(name, 'S') EQ FALSE", c("name", "notBegins", [q("S")], at: 12)),
        FilterCase("startswith(name, S)", c("name", "begins", [w("S")], at: 12)),
        FilterCase("StartsWith(name, 'S')", c("name", "begins", [q("S")], at: 12)),
        FilterCase("endswith(name, 'son')", c("name", "ends", [q("son")], at: 10)),
        FilterCase("endswith(name, 'son') eq false", c("name", "notEnds", [q("son")], at: 10)),
        FilterCase("ENDSWITH(name, 'son') eq true", c("name", "ends", [q("son")], at: 10)),
        FilterCase("substringof('needle', name)", c("name", "contains", [q("needle")], at: 23)),
        FilterCase("substringof(name, 'needle')", c("name", "contains", [q("needle")], at: 13)),
        FilterCase("substringof(needle, name)", c("name", "contains", [w("needle")], at: 21)),
        FilterCase("substringof('needle', name) eq false", c("name", "notContains", [q("needle")], at: 23)),
        FilterCase("SubStringOf('needle', name) eq true", c("name", "contains", [q("needle")], at: 23)),
        FilterCase("this(whenRequested, 'week')", c("whenRequested", "this", [q("week")], at: 6)),
        FilterCase("this(whenRequested, week)", c("whenRequested", "this", [w("week")], at: 6)),
        FilterCase("THIS(whenRequested, week)", c("whenRequested", "this", [w("week")], at: 6)),
        FilterCase("this ( whenRequested , week )", c("whenRequested", "this", [w("week")], at: 8)),
        FilterCase("next(whenRequested, 2, 'weeks')", c("whenRequested", "next", [w("2"), q("weeks")], at: 6)),
        FilterCase("next(whenRequested, '2', weeks)", c("whenRequested", "next", [q("2"), w("weeks")], at: 6)),
        FilterCase("previous(registered, 1, day)", c("registered", "previous", [w("1"), w("day")], at: 10)),
        FilterCase("thisAndNext(whenRequested, 1, month)", c("whenRequested", "thisAndNext", [w("1"), w("month")], at: 13)),
        FilterCase("thisAndPrevious(registered, 2, 'weeks')", c("registered", "thisAndPrevious", [w("2"), q("weeks")], at: 17)),
        FilterCase("thisandprevious(registered, 2, 'weeks')", c("registered", "thisAndPrevious", [w("2"), q("weeks")], at: 17)),
        FilterCase("thisAndPreviousAndNext(whenRequested, quarter)", c("whenRequested", "thisAndPreviousAndNext", [w("quarter")], at: 24)),
        FilterCase("thisAndPreviousAndNext(whenRequested, 'halfyear')", c("whenRequested", "thisAndPreviousAndNext", [q("halfyear")], at: 24)),
        FilterCase("next eq 5", c("next", "eq", [w("5")])),
        FilterCase("this today", c("this", "today")),
        FilterCase("startswith eq 'x'", c("startswith", "eq", [q("x")])),
        FilterCase("previous set", c("previous", "set")),
        FilterCase("startswith(name, 'S') and endswith(name, 'n') eq false or substringof('x', text)", .or([.and([c("name", "begins", [q("S")], at: 12), c("name", "notEnds", [q("n")], at: 36)]), c("text", "contains", [q("x")], at: 76)])),
        FilterCase("this(date, week) and previous(date, 1, week)", .and([c("date", "this", [w("week")], at: 6), c("date", "previous", [w("1"), w("week")], at: 31)])),
    ]

    @Test("startswith, endswith, substringof and the period functions", arguments: functionsCases)
    func functions(_ c: FilterCase) throws {
        #expect(try parseTree(c.text) == c.expected)
    }

    static let groupingCases: [FilterCase] = [
        FilterCase("a eq 1 and b eq 2", .and([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 12)])),
        FilterCase("a eq 1 or b eq 2 and c eq 3", .or([c("a", "eq", [w("1")]), .and([c("b", "eq", [w("2")], at: 11), c("c", "eq", [w("3")], at: 22)])])),
        FilterCase("a eq 1 and b eq 2 or c eq 3", .or([.and([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 12)]), c("c", "eq", [w("3")], at: 22)])),
        FilterCase("a eq 1 and b eq 2 or c eq 3 and d eq 4", .or([.and([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 12)]), .and([c("c", "eq", [w("3")], at: 22), c("d", "eq", [w("4")], at: 33)])])),
        FilterCase("(a eq 1 or b eq 2) and c eq 3", .and([.or([c("a", "eq", [w("1")], at: 2), c("b", "eq", [w("2")], at: 12)]), c("c", "eq", [w("3")], at: 24)])),
        FilterCase("a eq 1 and (b eq 2 or c eq 3)", .and([c("a", "eq", [w("1")]), .or([c("b", "eq", [w("2")], at: 13), c("c", "eq", [w("3")], at: 23)])])),
        FilterCase("a eq 1 and b eq 2 and c eq 3", .and([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 12), c("c", "eq", [w("3")], at: 23)])),
        FilterCase("a eq 1 or b eq 2 or c eq 3", .or([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 11), c("c", "eq", [w("3")], at: 21)])),
        FilterCase("a eq 1 and (b eq 2 and c eq 3)", .and([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 13), c("c", "eq", [w("3")], at: 24)])),
        FilterCase("(a eq 1 and b eq 2) and c eq 3", .and([c("a", "eq", [w("1")], at: 2), c("b", "eq", [w("2")], at: 13), c("c", "eq", [w("3")], at: 25)])),
        FilterCase("a eq 1 or (b eq 2 or c eq 3)", .or([c("a", "eq", [w("1")]), c("b", "eq", [w("2")], at: 12), c("c", "eq", [w("3")], at: 22)])),
        FilterCase("(a eq 1 or b eq 2) or (c eq 3 and d eq 4)", .or([c("a", "eq", [w("1")], at: 2), c("b", "eq", [w("2")], at: 12), .and([c("c", "eq", [w("3")], at: 24), c("d", "eq", [w("4")], at: 35)])])),
        FilterCase("(a eq 1 or b eq 2) and (c eq 3 or d eq 4)", .and([.or([c("a", "eq", [w("1")], at: 2), c("b", "eq", [w("2")], at: 12)]), .or([c("c", "eq", [w("3")], at: 25), c("d", "eq", [w("4")], at: 35)])])),
        FilterCase("((a eq 1))", c("a", "eq", [w("1")], at: 3)),
        FilterCase("(((a eq 1) and ((b eq 2))))", .and([c("a", "eq", [w("1")], at: 4), c("b", "eq", [w("2")], at: 18)])),
        FilterCase("(business = 2 or category = 3) and name contains 'super'", .and([.or([c("business", "=", [w("2")], at: 2), c("category", "=", [w("3")], at: 18)]), c("name", "contains", [q("super")], at: 36)])),
        FilterCase("whenRequested today and associateId currentAssociate", .and([c("whenRequested", "today"), c("associateId", "currentAssociate", at: 25)])),
        FilterCase("xstop set or rating set", .or([c("xstop", "set"), c("rating", "set", at: 14)])),
        FilterCase("(xstop set)", c("xstop", "set", at: 2)),
        FilterCase("(rating isNull) or whenRequested thisWeek", .or([c("rating", "isNull", at: 2), c("whenRequested", "thisWeek", at: 20)])),
        FilterCase("name begins 'foo' and category gt 1", .and([c("name", "begins", [q("foo")]), c("category", "gt", [w("1")], at: 23)])),
        FilterCase("col1 eq 'foo' and startswith(col2, 'baz')", .and([c("col1", "eq", [q("foo")]), c("col2", "begins", [q("baz")], at: 30)])),
    ]

    @Test("and binds tighter than or; parentheses group; trees are flattened", arguments: groupingCases)
    func grouping(_ c: FilterCase) throws {
        #expect(try parseTree(c.text) == c.expected)
    }

    @Test("An empty or blank filter is no restriction", arguments: ["", " ", "   \t\n "])
    func blank(_ text: String) throws {
        #expect(try FilterParser.parse(text) == nil)
    }

    @Test func aLongChainStaysFlat() throws {
        let text = (1...50).map { "rating eq \($0)" }.joined(separator: " or ")
        guard case .or(let parts) = try FilterParser.parse(text) else {
            Issue.record("not an or")
            return
        }
        #expect(parts.count == 50)
        #expect(parts.allSatisfy { if case .condition = $0 { true } else { false } })
    }

    @Test func parenthesesNestAHundredLevels() throws {
        let text = String(repeating: "(", count: 100) + "rating eq 1" + String(repeating: ")", count: 100)
        #expect(try parseTree(text) == c("rating", "eq", [w("1")], at: 101))
    }

    @Test func deeperParenthesesAreAnErrorNotACrash() throws {
        for count in [101, 100_000] {
            let text = String(repeating: "(", count: count) + "rating eq 1" + String(repeating: ")", count: count)
            let error = try #require(throws: ArchiveError.self) { try FilterParser.parse(text) }
            ExpectedError(.syntax, "$filter", at: 101, ["the '(' at position 101", "deeper than 100"]).check(error, "\(count) levels")
        }
    }
}
