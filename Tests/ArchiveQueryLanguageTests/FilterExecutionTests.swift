import ArchiveCore
import ArchiveQueryLanguage
import ArchiveSQLite
import Testing

/// `$filter` strings parsed here and run by the provider on the hand-made fixture (see
/// `Fixture.swift`): the parser and the core agree on operator spellings and value forms. The
/// expected chats are those ArchiveCoreTests worked out by hand for the same conditions.
struct ExecutionCase: Sendable, CustomTestStringConvertible {
    let filter: String
    let expected: [Int64]
    init(_ filter: String, _ expected: [Int64]) {
        self.filter = filter
        self.expected = expected
    }
    var testDescription: String { filter }
}

private let all: [Int64] = Array(1...12)

@Suite("$filter run by the provider")
struct FilterExecutionTests {
    static let cases: [ExecutionCase] = [
        // Comparisons, symbols with and without spaces, synonyms.
        ExecutionCase("rating eq 4", [1, 4]),
        ExecutionCase("rating=4", [1, 4]),
        ExecutionCase("rating == '4'", [1, 4]),
        ExecutionCase("rating equals 4", [1, 4]),
        ExecutionCase("rating<>4", [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        ExecutionCase("rating unequals 4", [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        ExecutionCase("rating>3", [1, 2, 4, 11]),
        ExecutionCase("rating less 3", [6, 10]),
        ExecutionCase("rating ge 4", [1, 2, 4, 11]),
        ExecutionCase("rating <= 2", [6, 10]),
        ExecutionCase("rating le 2", [6, 10]),
        ExecutionCase("rating lt 3", [6, 10]),
        ExecutionCase("rating ne 4", [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        ExecutionCase("rating greater 3", [1, 2, 4, 11]),
        ExecutionCase("rating isNotNull", [1, 2, 3, 4, 5, 6, 10, 11]),
        ExecutionCase("rating gt -1", [1, 2, 3, 4, 5, 6, 10, 11]),
        ExecutionCase("rating between (2, 4)", [1, 3, 4, 5, 10]),
        ExecutionCase("rating in (1,5)", [2, 6, 11]),
        ExecutionCase("rating set", [1, 2, 3, 4, 5, 6, 10, 11]),
        ExecutionCase("rating isNull", [7, 8, 9, 12]),
        ExecutionCase("timeInQueue between ('30','90')", [2, 4, 5, 11]),
        // Strings, escapes and functions.
        ExecutionCase("person/lastName begins 'b'", [3, 12]),
        ExecutionCase("person___lastName BEGINS 'b'", [3, 12]),
        ExecutionCase("startswith(person/lastName, 'b')", [3, 12]),
        ExecutionCase("startswith(person/lastName,'b') eq false", [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("person/lastName notBegins 'b'", [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("endswith(person/lastName, 'BY')", [2, 11]),
        ExecutionCase("endswith(person/lastName, 'by') eq false", [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        ExecutionCase("substringof('IND', person/lastName)", [4, 5]),
        ExecutionCase("substringof(person/lastName, 'ind')", [4, 5]),
        ExecutionCase("substringof('e', person/lastName) eq false", [1, 2, 4, 5, 7, 9, 10, 11]),
        ExecutionCase("person/lastName contains 'ø'", [2, 11]),
        ExecutionCase("person/lastName is 'østby'", [2, 11]),
        ExecutionCase("person/lastName ne 'ØSTBY'", [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        ExecutionCase("person/lastName in ('Østby', 'smith')", [2, 10, 11]),
        ExecutionCase("person/lastName notOneOf ('BERG', 'doe')", [1, 2, 4, 5, 7, 8, 9, 10, 11]),
        ExecutionCase("person/lastName between ('A','S')", [3, 4, 5, 6, 12]),
        ExecutionCase("person/lastName isNot 'Berg'", [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("firstMessage notContains 'john'", [1, 2, 3, 7, 8, 9, 10, 11, 12]),
        ExecutionCase("firstMessage notEnds '?'", [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        ExecutionCase("text is 'ok'", [12]),
        ExecutionCase("firstMessage contains '50%'", [3]),
        ExecutionCase("firstMessage is ''", [9]),
        ExecutionCase("lastMessage contains 'C:\\temp'", [8]),
        ExecutionCase("lastMessage contains ':\\\\T'", [8]),
        ExecutionCase("lastMessage ends 'A_B'", [8]),
        ExecutionCase("text eq 'john%doe'", [5]),
        ExecutionCase("person/fullName isPK 1", [2, 11]),
        // Booleans and pseudo columns.
        ExecutionCase("person/retired set", [3, 8, 12]),
        ExecutionCase("person/retired set false", [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        ExecutionCase("person/retired=1", [3, 8, 12]),
        ExecutionCase("getAllRows=true", all),
        ExecutionCase("getNoRows eq true", []),
        ExecutionCase("getAllRows eq true and rating eq 5", [2, 11]),
        // Lists and associates.
        ExecutionCase("status oneOf (1, 2)", [8, 9]),
        ExecutionCase("status NotOneOf (3, 5)", [7, 8, 9, 10]),
        ExecutionCase("contactId=2", [2, 3, 9, 11, 12]),
        ExecutionCase("associateId associateIsOneOf (1,4)", [2, 10, 12]),
        ExecutionCase("associateId associateIsNotOneOf (2, 3)", [2, 7, 9, 10, 12]),
        ExecutionCase("associateId currentAssociate", [3, 5, 6, 8]),
        ExecutionCase("associate/otherGroups in (2, 4)", [1, 3, 4, 5, 6, 8, 11]),
        // Dates, unary and relative periods (today is Tue 2019-10-15 in Oslo).
        ExecutionCase("whenRequested date '2019-10-14'", [7]),
        ExecutionCase("whenRequested dateBetween ('2019-10-01', '2019-10-14')", [5, 6, 7]),
        ExecutionCase("whenRequested after '2019-10-15'", [9, 10, 11, 12]),
        ExecutionCase("whenRequested afterTime '2019-10-15T11:00:00'", [8, 9, 10, 11, 12]),
        ExecutionCase("date eq 2019-10-16", [9]),
        ExecutionCase("whenRequested before '2019-10-07'", [1, 2, 3, 4, 5]),
        ExecutionCase("date to '2017-03-01'", [1]),
        ExecutionCase("whenRequested beforeTime '2019-10-15T11:00:00'", [1, 2, 3, 4, 5, 6, 7]),
        ExecutionCase("whenRequested dateTime '2019-10-14T00:30:00'", [7]),
        ExecutionCase("whenRequested today", [8]),
        ExecutionCase("whenRequested afterToday", [9, 10, 11, 12]),
        ExecutionCase("whenRequested lastMonth", [4]),
        ExecutionCase("whenRequested thisQuarter", [5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("whenRequested thisYear", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("whenRequested beforeToday", [1, 2, 3, 4, 5, 6, 7]),
        ExecutionCase("date lastWeek", [6]),
        ExecutionCase("whenRequested thisWeek", [7, 8, 9]),
        ExecutionCase("whenRequested nextMonth", [11]),
        ExecutionCase("whenRequested thisHalf", [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("this(whenRequested, 'week')", [7, 8, 9]),
        ExecutionCase("THIS(whenRequested, month)", [5, 6, 7, 8, 9, 10]),
        ExecutionCase("whenRequested this week", [7, 8, 9]),
        ExecutionCase("next(whenRequested, 1, 'month')", [11]),
        ExecutionCase("next(whenRequested, '2', weeks)", [10]),
        ExecutionCase("previous(whenRequested, 2, 'weeks')", [5, 6]),
        ExecutionCase("previous(registeredDate, 1, year)", [2]),
        ExecutionCase("thisAndNext(whenRequested, 2, weeks)", [7, 8, 9, 10]),
        ExecutionCase("thisAndPrevious(whenRequested, 1, 'quarter')", [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ExecutionCase("whenRequested thisAndPrevious (1, week)", [6, 7, 8, 9]),
        ExecutionCase("thisAndPreviousAndNext(whenRequested, week)", [6, 7, 8, 9, 10]),
        ExecutionCase("thisAndPreviousAndNext(whenRequested, 'day')", [7, 8, 9]),
        // Precedence and grouping.
        ExecutionCase("rating eq 5 or person/lastName begins 'L'", [2, 4, 5, 11]),
        ExecutionCase("rating eq 5 or rating eq 1 and person/lastName eq 'Doe'", [2, 6, 11]),
        ExecutionCase("(rating eq 5 or rating eq 1) and person/lastName eq 'Doe'", [6]),
        ExecutionCase("(rating eq 5 OR rating eq 1) AND person/lastName ne 'Østby'", [6]),
        ExecutionCase("chatTopic/name is 'Økonomi' and whenRequested thisWeek or person/firstName is 'märta'", [7, 8]),
        ExecutionCase("(person/retired set or contact/stop set) and rating isNull or rating eq 4", [1, 4, 8, 12]),
    ]

    @Test(arguments: cases)
    func runs(_ c: ExecutionCase) throws {
        let connection = try Fixture.connection()
        #expect(try Fixture.ids(c.filter, connection: connection) == c.expected)
    }

    /// A column error points at the column, an operator error at the operator.
    @Test func aFilterErrorOfTheProviderKeepsItsPosition() throws {
        let connection = try Fixture.connection()
        let error = try #require(throws: ArchiveError.self) {
            try Fixture.ids("rating gt 2 and (person/lastName begins 'b' or ratng eq 1)", connection: connection)
        }
        ExpectedError(.unknownColumn, "$filter", at: 48, ["'ratng' is not a column"]).check(error, "ratng")
        #expect(error.suggestions.first == "rating")
        let operatorError = try #require(throws: ArchiveError.self) {
            try Fixture.ids("rating gt 2 and rating contains '3'", connection: connection)
        }
        ExpectedError(.operatorNotAllowed, "$filter", at: 24, ["contains"]).check(operatorError, "contains")
        let countError = try #require(throws: ArchiveError.self) {
            try Fixture.ids("whenRequested today and rating between 1", connection: connection)
        }
        ExpectedError(.wrongValueCount, "$filter", at: 32, ["between"]).check(countError, "between")
    }
}

/// Whole requests (select, filter, order, paging, aggregates) run by the provider.
@Suite("Requests run by the provider")
struct RequestExecutionTests {
    func page(_ options: [(String, String)]) throws -> ArchivePage {
        let connection = try Fixture.connection()
        return try Fixture.provider.page(try request(options).query, context: Fixture.context, database: connection)
    }

    @Test func selectFilterOrderAndPage() throws {
        let result = try page([
            ("$select", "chatSessionId,person/lastName"), ("$filter", "rating ge 4"), ("$orderby", "chatSessionId DESC"), ("$top", "2"),
            ("$skip", "1"), ("$inlinecount", "allpages"),
        ])
        #expect(result.columns.map(\.key) == ["chatSessionId", "person/lastName"])
        #expect(result.rows.map(\.primaryKey) == [4, 2])
        #expect(result.totalCount == 4)
    }

    @Test func aggregatesAsSelected() throws {
        let result = try page([("$select", "GroupBy(type):Header,Footer,Count(chatSessionId)"), ("$filter", "type eq 3")])
        #expect(result.columns.map(\.key) == ["GroupBy(type):Header,Footer", "Count(chatSessionId)"])
        // One group (status 3, seven chats): its header, the seven rows, its footer.
        #expect(result.rows.count == 9)
        #expect(result.rows.last?.cells.last?.display == "7")
    }

    @Test func orderingGroupsByASelectedAggregate() throws {
        let result = try page([
            ("$select", "GroupBy(chatTopic/name):Footer,HideDetail,Count(chatSessionId)"), ("$orderBy", "Count(chatSessionId) desc"),
        ])
        // Sales chat 5, Support chat 5, Økonomi 2: the biggest groups first.
        #expect(result.rows.map { $0.cells.last?.display ?? "" } == ["5", "5", "2"])
    }
}

extension Fixture {
    /// The chats `filter` selects, by chatSessionId.
    static func ids(_ filter: String, connection: Connection) throws -> [Int64] {
        let query = ArchiveQuery(select: ["chatSessionId"], restriction: try FilterParser.parse(filter), orderBy: [OrderItem("chatSessionId")])
        return try provider.page(query, context: context, database: connection).rows.map(\.primaryKey)
    }
}
