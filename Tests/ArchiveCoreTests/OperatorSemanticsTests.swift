import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

// Every restriction operator of every restriction type of the ChatSession provider, checked
// against a small hand-made fixture. The expected chat ids of each case were worked out by hand
// from the fixture below and the semantics of the decisions page, not from the engine's SQL.
//
// The fixture is `HandMadeArchive` (ArchiveTestSupport), whose comment lists its rows.

// MARK: - Fixture

enum OperatorFixture {
    /// Tue 2019-10-15 12:00:00 UTC.
    static let now = HandMadeArchive.now

    static let provider = ArchiveProvider(catalog: ChatSessionCatalog.catalog)

    static func context(zone: String = "Europe/Oslo", associate: Int64? = 2, now: Int64 = OperatorFixture.now) -> QueryContext {
        QueryContext(now: now, timeZone: TimeZone(identifier: zone)!, language: .english, currentAssociateID: associate)
    }

    static func connection() throws -> Connection { try HandMadeArchive.connection() }


    /// The ids of the chats matching `restriction`, in the order the engine returns them.
    static func ids(
        _ restriction: Restriction, context: QueryContext = OperatorFixture.context(),
        orderBy: [OrderItem] = [OrderItem("chatSessionId")], connection: Connection
    ) throws -> [Int64] {
        let query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy)
        return try provider.page(query, context: context, database: connection).rows.map(\.primaryKey)
    }

    /// The SQL the engine runs for `restriction`, for failure messages.
    static func sql(_ restriction: Restriction, context: QueryContext, orderBy: [OrderItem], connection: Connection) -> String {
        let query = ArchiveQuery(select: ["chatSessionId"], restriction: restriction, orderBy: orderBy)
        guard let explanation = try? provider.explain(query, context: context, database: connection) else { return "(no plan)" }
        return explanation.statements.map { "\($0.sql) -- \($0.arguments)" }.joined(separator: "\n")
    }

    /// Checks that `restriction` returns exactly `expected`, ordered by chatSessionId (or, with
    /// another order, as a set).
    static func check(
        _ restriction: Restriction, _ expected: [Int64], context: QueryContext = OperatorFixture.context(),
        orderBy: [OrderItem] = [OrderItem("chatSessionId")], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let connection = try OperatorFixture.connection()
        var got = try ids(restriction, context: context, orderBy: orderBy, connection: connection)
        if orderBy.map(\.column) != ["chatSessionId"] { got.sort() }
        if got != expected {
            Issue.record(
                "\(restriction): expected \(expected), got \(got)\nSQL: \(sql(restriction, context: context, orderBy: orderBy, connection: connection))",
                sourceLocation: sourceLocation)
        }
    }
}

/// A quoted value.
private func q(_ text: String) -> RestrictionValue { .string(text) }
/// An unquoted value (a number, a boolean, a period name).
private func w(_ text: String) -> RestrictionValue { .word(text) }

private let all: [Int64] = Array(1...12)

/// One condition and the chats it must return.
struct OperatorCase: Sendable, CustomTestStringConvertible {
    let column: String
    let op: String
    let values: [RestrictionValue]
    let expected: [Int64]
    /// Set when the engine is known to contradict the semantics for this case.
    let knownIssue: String?

    init(_ column: String, _ op: String, _ values: [RestrictionValue], _ expected: [Int64], knownIssue: String? = nil) {
        self.column = column
        self.op = op
        self.values = values
        self.expected = expected
        self.knownIssue = knownIssue
    }

    var restriction: Restriction { .condition(Condition(column, op, values)) }

    var testDescription: String {
        "\(column) \(op) (\(values.map(\.description).joined(separator: ", "))) → \(expected)"
    }

    func run(context: QueryContext = OperatorFixture.context()) {
        let body = { try OperatorFixture.check(restriction, expected, context: context) }
        if let knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue)) { try body() }
        } else {
            do { try body() } catch { Issue.record(error, "\(testDescription)") }
        }
    }
}

// MARK: - Strings

@Suite("Operator semantics: strings")
struct StringOperatorTests {
    static let cases: [OperatorCase] = [
        // person/lastName: 1 -, 2 Østby, 3 Berg, 4 Lindqvist, 5 Lindqvist, 6 Doe, 7 -, 8 Sandberg, 9 -, 10 Smith, 11 Østby, 12 Berg
        OperatorCase("person/lastName", "begins", [q("b")], [3, 12]),
        OperatorCase("person/lastName", "startsWith", [q("LIND")], [4, 5]),
        OperatorCase("person/lastName", "begins", [q("øst")], [2, 11]),
        OperatorCase("person/lastName", "begins", [q("ØST")], [2, 11]),
        OperatorCase("person/lastName", "contains", [q("IND")], [4, 5]),
        OperatorCase("person/lastName", "contains", [q("stb")], [2, 11]),
        OperatorCase("person/lastName", "contains", [q("ø")], [2, 11]),
        OperatorCase("person/lastName", "ends", [q("BY")], [2, 11]),
        OperatorCase("person/lastName", "endsWith", [q("erg")], [3, 8, 12]),
        OperatorCase("person/lastName", "is", [q("østby")], [2, 11]),
        OperatorCase("person/lastName", "=", [q("BERG")], [3, 12]),
        OperatorCase("person/lastName", "eq", [q("doe")], [6]),
        OperatorCase("person/lastName", "equals", [q("SMITH")], [10]),
        OperatorCase("person/lastName", "isNot", [q("Berg")], [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("person/lastName", "ne", [q("ØSTBY")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/lastName", "!=", [q("doe")], [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]),
        OperatorCase("person/lastName", "unequals", [q("smith")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]),
        OperatorCase("person/lastName", "notBegins", [q("l")], [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("person/lastName", "notBegins", [q("øST")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/lastName", "notContains", [q("E")], [1, 2, 4, 5, 7, 9, 10, 11]),
        OperatorCase("person/lastName", "notEnds", [q("by")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/lastName", "between", [q("A"), q("S")], [3, 4, 5, 6, 12]),
        OperatorCase("person/lastName", "between", [q("berg"), q("DOE")], [3, 6, 12]),
        // The bounds in either order mean the same range.
        OperatorCase("person/lastName", "between", [q("DOE"), q("berg")], [3, 6, 12]),
        OperatorCase("person/lastName", "oneOf", [q("berg"), q("DOE")], [3, 6, 12]),
        OperatorCase("person/lastName", "in", [q("Østby"), q("smith")], [2, 10, 11]),
        OperatorCase("person/lastName", "notOneOf", [q("BERG"), q("doe")], [1, 2, 4, 5, 7, 8, 9, 10, 11]),
        OperatorCase("person/lastName", "notOneOf", [q("østby"), q("Lindqvist")], [1, 3, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/lastName", "isNull", [], [1, 7, 9]),
        OperatorCase("person/lastName", "isNotNull", [], [2, 3, 4, 5, 6, 8, 10, 11, 12]),
        OperatorCase("person/lastName", "is", [q("")], [1, 7, 9]),

        // person/firstName: 2 Kari, 3 ørjan, 4 Åse, 5 Åse, 6 John, 8 Märta, 10 NULL, 11 Kari, 12 ørjan; 1, 7, 9 no person
        OperatorCase("person/firstName", "is", [q("ØRJAN")], [3, 12]),
        OperatorCase("person/firstName", "begins", [q("åS")], [4, 5]),
        OperatorCase("person/firstName", "contains", [q("ÄR")], [8]),
        OperatorCase("person/firstName", "ends", [q("TA")], [8]),
        OperatorCase("person/firstName", "isNull", [], [1, 7, 9, 10]),
        OperatorCase("person/firstName", "notContains", [q("a")], [1, 4, 5, 6, 7, 9, 10]),
        OperatorCase("person/firstName", "is", [q("")], [1, 7, 9, 10]),
        OperatorCase("person/firstName", "ne", [q("kari")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        // oneOf is a positive operator: a row without a value never matches it, even with '' in the set.
        OperatorCase("person/firstName", "oneOf", [q(""), q("Kari")], [2, 11]),
        OperatorCase("firstMessage", "oneOf", [q(""), q("ok")], [12]),

        // firstMessage: wildcards match themselves, case-insensitive for ASCII and non-ASCII letters
        OperatorCase("firstMessage", "contains", [q("50%")], [3]),
        OperatorCase("firstMessage", "contains", [q("50")], [3, 8]),
        OperatorCase("firstMessage", "contains", [q("john_doe")], [4]),
        OperatorCase("firstMessage", "contains", [q("JOHN_DOE")], [4]),
        OperatorCase("firstMessage", "contains", [q("john%doe")], [5]),
        OperatorCase("firstMessage", "contains", [q("john-doe")], [6]),
        OperatorCase("firstMessage", "contains", [q("%")], [3, 5]),
        OperatorCase("firstMessage", "contains", [q("_")], [4]),
        OperatorCase("firstMessage", "begins", [q("john_")], []),
        OperatorCase("firstMessage", "begins", [q("JOHN%")], [5]),
        OperatorCase("firstMessage", "begins", [q("john")], [5, 6]),
        OperatorCase("firstMessage", "ends", [q("?")], [1, 3]),
        OperatorCase("firstMessage", "ends", [q("DOE")], [5]),
        OperatorCase("firstMessage", "ends", [q("äpple")], [11]),
        OperatorCase("firstMessage", "contains", [q("ØKONOMI")], [7]),
        OperatorCase("firstMessage", "contains", [q("spørsmÅl")], [7]),
        OperatorCase("firstMessage", "begins", [q("åpning")], [1]),
        OperatorCase("firstMessage", "begins", [q("østby")], [11]),
        OperatorCase("firstMessage", "contains", [q("å?")], []),
        OperatorCase("firstMessage", "contains", [q("ø*")], []),
        OperatorCase("firstMessage", "contains", [q("ø%")], []),
        OperatorCase("firstMessage", "is", [q("ÅPNINGSTIDER?")], [1]),
        OperatorCase("firstMessage", "is", [q("OK")], [12]),
        OperatorCase("firstMessage", "is", [q("JOHN%DOE")], [5]),
        OperatorCase("firstMessage", "is", [q("john_doe")], []),
        OperatorCase("firstMessage", "notContains", [q("john")], [1, 2, 3, 7, 8, 9, 10, 11, 12]),
        OperatorCase("firstMessage", "notContains", [q("%")], [1, 2, 4, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("firstMessage", "notBegins", [q("HELLO")], [1, 3, 4, 5, 6, 7, 8, 9, 11, 12]),
        OperatorCase("firstMessage", "notEnds", [q("?")], [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("firstMessage", "isNull", [], [9]),
        OperatorCase("firstMessage", "isNotNull", [], [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]),
        OperatorCase("firstMessage", "is", [q("")], [9]),
        OperatorCase("firstMessage", "oneOf", [q("ok"), q("HELLO WORLD")], [10, 12]),
        OperatorCase("firstMessage", "notOneOf", [q("OK"), q("hello world")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]),

        // lastMessage: 1 Takk, 2 Bye, 4 done, 6 ok, 8 'See C:\temp\a_b', 10 bye, 11 äpple, others NULL
        OperatorCase("lastMessage", "contains", [q("\\temp")], [8]),
        OperatorCase("lastMessage", "contains", [q("\\")], [8]),
        OperatorCase("lastMessage", "contains", [q(":\\T")], [8]),
        OperatorCase("lastMessage", "contains", [q("p\\a_")], [8]),
        OperatorCase("lastMessage", "begins", [q("see c:\\")], [8]),
        OperatorCase("lastMessage", "ends", [q("A_B")], [8]),
        OperatorCase("lastMessage", "contains", [q("a%b")], []),
        OperatorCase("lastMessage", "isNull", [], [3, 5, 7, 9, 12]),
        OperatorCase("lastMessage", "is", [q("ÄPPLE")], [11]),
        OperatorCase("lastMessage", "in", [q("ÄPPLE"), q("TAKK")], [1, 11]),
        OperatorCase("lastMessage", "eq", [q("BYE")], [2, 10]),
        OperatorCase("lastMessage", "notOneOf", [q("bye"), q("ÄPPLE")], [1, 3, 4, 5, 6, 7, 8, 9, 12]),
        OperatorCase("lastMessage", "between", [q("b"), q("done")], [2, 4, 10]),

        // chatTopic/name: Sales chat 1,2,4,8,10; Support chat 3,5,6,9,12; Økonomi 7,11
        OperatorCase("chatTopic/name", "is", [q("økonomi")], [7, 11]),
        OperatorCase("chatTopic/name", "begins", [q("SUPPORT")], [3, 5, 6, 9, 12]),
        OperatorCase("chatTopic/name", "ends", [q("CHAT")], [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]),
        OperatorCase("chatTopic/name", "notContains", [q("chat")], [7, 11]),
        OperatorCase("chatTopic/name", "between", [q("a"), q("t")], [1, 2, 3, 4, 5, 6, 8, 9, 10, 12]),

        // associate/fullName: Ada Admin 2,12; Tor Jensen 3,5,6,8; Siv Ødegård 1,4,11; Bot 10; no agent 7,9
        OperatorCase("associate/fullName", "contains", [q("ØDEGÅRD")], [1, 4, 11]),
        OperatorCase("associate/fullName", "ends", [q("gÅrd")], [1, 4, 11]),
        OperatorCase("associate/fullName", "begins", [q("siv")], [1, 4, 11]),
        OperatorCase("associate/fullName", "ne", [q("tor jensen")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associate/fullName", "isNull", [], [7, 9]),
        OperatorCase("associate/fullName", "notBegins", [q("a")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    ]

    @Test(arguments: StringOperatorTests.cases) func stringOperator(_ c: OperatorCase) { c.run() }

    // text (positiveString, the first message): only the positive operators.
    static let positiveCases: [OperatorCase] = [
        OperatorCase("text", "begins", [q("hello")], [2, 10]),
        OperatorCase("text", "startsWith", [q("HELLO")], [2, 10]),
        OperatorCase("text", "contains", [q("50%")], [3]),
        OperatorCase("text", "contains", [q("Øk")], [7]),
        OperatorCase("text", "ends", [q("PLE")], [11]),
        OperatorCase("text", "is", [q("ok")], [12]),
        OperatorCase("text", "equals", [q("OK")], [12]),
        OperatorCase("text", "eq", [q("john%doe")], [5]),
        OperatorCase("text", "=", [q("JOHN%DOE")], [5]),
        OperatorCase("text", "oneOf", [q("ok"), q("john%doe")], [5, 12]),
        OperatorCase("text", "in", [q("hello world")], [10]),
        OperatorCase("text", "isNull", [], [9]),
        OperatorCase("text", "isNotNull", [], [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]),
    ]

    @Test(arguments: StringOperatorTests.positiveCases) func positiveStringOperator(_ c: OperatorCase) { c.run() }

    // stringorPK: person/fullName ('Kari Østby' 2,11; 'ørjan Berg' 3,12; 'Åse Lindqvist' 4,5;
    // 'John Doe' 6; 'Märta Sandberg' 8; 'Smith' 10; none 1,7,9) and contact/name ('Nordlys AS'
    // 2,3,9,11,12; 'Ærlig Bygg' 1,4,5; none 6,7,8,10).
    static let stringOrPKCases: [OperatorCase] = [
        OperatorCase("person/fullName", "isPK", [w("1")], [2, 11]),
        OperatorCase("person/fullName", "isPK", [w("3")], [4, 5]),
        OperatorCase("person/fullName", "contains", [q("østby")], [2, 11]),
        OperatorCase("person/fullName", "begins", [q("ÅSE")], [4, 5]),
        OperatorCase("person/fullName", "is", [q("smith")], [10]),
        OperatorCase("person/fullName", "ends", [q("BERG")], [3, 8, 12]),
        OperatorCase("person/fullName", "notContains", [q("a")], [1, 4, 5, 6, 7, 9, 10]),
        OperatorCase("person/fullName", "notBegins", [q("ø")], [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("person/fullName", "notEnds", [q("BERG")], [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        OperatorCase("person/fullName", "ne", [q("JOHN DOE")], [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]),
        OperatorCase("person/fullName", "oneOf", [q("john doe"), q("SMITH")], [6, 10]),
        OperatorCase("person/fullName", "notOneOf", [q("kari østby")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("person/fullName", "between", [q("J"), q("L")], [2, 6, 11]),
        OperatorCase("person/fullName", "isNull", [], [1, 7, 9]),
        OperatorCase("person/fullName", "isNotNull", [], [2, 3, 4, 5, 6, 8, 10, 11, 12]),
        OperatorCase("contact/name", "isPK", [w("2")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/name", "contains", [q("ærlig")], [1, 4, 5]),
        OperatorCase("contact/name", "begins", [q("ÆR")], [1, 4, 5]),
        OperatorCase("contact/name", "is", [q("nordlys as")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/name", "notBegins", [q("nord")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/name", "isNull", [], [6, 7, 8, 10]),
    ]

    @Test(arguments: StringOperatorTests.stringOrPKCases) func stringOrPKOperator(_ c: OperatorCase) { c.run() }
}

// MARK: - Numbers and booleans

@Suite("Operator semantics: numbers and booleans")
struct NumberAndBoolOperatorTests {
    // rating: 1:4 2:5 3:3 4:4 5:3 6:1 7:- 8:- 9:- 10:2 11:5 12:-
    // timeInQueue: 1:600 2:60 3:120 4:30 5:90 6:0 7:- 8:300 9:- 10:10 11:45 12:-
    // duration: 1:1200 2:600 3:900 4:300 5:180 6:60 10:20 11:3600, others NULL
    // queueLength: 1:0 2:2 3:1 4:0 5:5 6:0 7:7 8:3 9:4 10:0 11:1 12:2
    static let numberCases: [OperatorCase] = [
        OperatorCase("rating", "eq", [w("4")], [1, 4]),
        OperatorCase("rating", "=", [w("4")], [1, 4]),
        OperatorCase("rating", "equals", [w("4")], [1, 4]),
        OperatorCase("rating", "ne", [w("4")], [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("rating", "!=", [w("4")], [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("rating", "unequals", [w("4")], [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("rating", "gt", [w("3")], [1, 2, 4, 11]),
        OperatorCase("rating", ">", [w("3")], [1, 2, 4, 11]),
        OperatorCase("rating", "greater", [w("3")], [1, 2, 4, 11]),
        OperatorCase("rating", "lt", [w("3")], [6, 10]),
        OperatorCase("rating", "<", [w("3")], [6, 10]),
        OperatorCase("rating", "less", [w("3")], [6, 10]),
        OperatorCase("rating", "ge", [w("4")], [1, 2, 4, 11]),
        OperatorCase("rating", ">=", [w("4")], [1, 2, 4, 11]),
        OperatorCase("rating", "le", [w("2")], [6, 10]),
        OperatorCase("rating", "<=", [w("2")], [6, 10]),
        OperatorCase("rating", "between", [w("2"), w("4")], [1, 3, 4, 5, 10]),
        OperatorCase("rating", "between", [w("3"), w("3")], [3, 5]),
        OperatorCase("rating", "between", [w("4"), w("2")], [1, 3, 4, 5, 10]),
        OperatorCase("rating", "oneOf", [w("1"), w("5")], [2, 6, 11]),
        OperatorCase("rating", "in", [w("1"), w("5")], [2, 6, 11]),
        OperatorCase("rating", "notOneOf", [w("3"), w("4")], [2, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("rating", "set", [], [1, 2, 3, 4, 5, 6, 10, 11]),
        OperatorCase("rating", "set", [w("5")], [2, 11]),
        OperatorCase("rating", "isNull", [], [7, 8, 9, 12]),
        OperatorCase("rating", "isNotNull", [], [1, 2, 3, 4, 5, 6, 10, 11]),
        OperatorCase("rating", "eq", [q("4")], [1, 4]),

        OperatorCase("timeInQueue", "set", [], [1, 2, 3, 4, 5, 8, 10, 11]),
        OperatorCase("timeInQueue", "set", [w("0")], [6]),
        OperatorCase("timeInQueue", "eq", [w("60")], [2]),
        OperatorCase("timeInQueue", "ne", [w("0")], [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]),
        OperatorCase("timeInQueue", "gt", [w("100")], [1, 3, 8]),
        OperatorCase("timeInQueue", "lt", [w("45")], [4, 6, 10]),
        OperatorCase("timeInQueue", "ge", [w("300")], [1, 8]),
        OperatorCase("timeInQueue", "le", [w("30")], [4, 6, 10]),
        OperatorCase("timeInQueue", "between", [w("30"), w("90")], [2, 4, 5, 11]),
        OperatorCase("timeInQueue", "in", [w("0"), w("10")], [6, 10]),
        OperatorCase("timeInQueue", "notOneOf", [w("0"), w("10")], [1, 2, 3, 4, 5, 7, 8, 9, 11, 12]),
        OperatorCase("timeInQueue", "isNull", [], [7, 9, 12]),
        OperatorCase("duration", "gt", [w("600")], [1, 3, 11]),
        OperatorCase("duration", "le", [w("60")], [6, 10]),
        OperatorCase("duration", "isNull", [], [7, 8, 9, 12]),

        OperatorCase("queueLength", "set", [], [2, 3, 5, 7, 8, 9, 11, 12]),
        OperatorCase("queueLength", "eq", [w("0")], [1, 4, 6, 10]),
        OperatorCase("queueLength", "ge", [w("4")], [5, 7, 9]),
        OperatorCase("chatSessionId", "between", [w("3"), w("5")], [3, 4, 5]),
        OperatorCase("chatSessionId", "in", [w("1"), w("12")], [1, 12]),
        OperatorCase("chatSessionId", "gt", [w("10")], [11, 12]),

        // person/contactId: persons 1, 2 → 2 (chats 2,3,11,12); person 3 → 3 (chats 4,5); others NULL or no person
        OperatorCase("person/contactId", "eq", [w("2")], [2, 3, 11, 12]),
        OperatorCase("person/contactId", "ne", [w("2")], [1, 4, 5, 6, 7, 8, 9, 10]),
        OperatorCase("person/contactId", "notOneOf", [w("2"), w("3")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("person/contactId", "lt", [w("3")], [2, 3, 11, 12]),
        OperatorCase("person/contactId", "set", [], [2, 3, 4, 5, 11, 12]),
        OperatorCase("person/contactId", "isNull", [], [1, 6, 7, 8, 9, 10]),
        OperatorCase("person/rank", "ge", [w("1")], [2, 3, 11, 12]),
        OperatorCase("person/rank", "ne", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
    ]

    @Test(arguments: NumberAndBoolOperatorTests.numberCases) func numberOperator(_ c: OperatorCase) { c.run() }

    // person/retired: true for chats 3, 8, 12; chats 1, 7, 9 have no person (false).
    static let boolCases: [OperatorCase] = [
        OperatorCase("person/retired", "set", [], [3, 8, 12]),
        OperatorCase("person/retired", "set", [w("true")], [3, 8, 12]),
        OperatorCase("person/retired", "set", [w("1")], [3, 8, 12]),
        OperatorCase("person/retired", "set", [w("false")], [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        OperatorCase("person/retired", "set", [w("0")], [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        OperatorCase("person/retired", "eq", [w("true")], [3, 8, 12]),
        OperatorCase("person/retired", "=", [w("1")], [3, 8, 12]),
        OperatorCase("person/retired", "eq", [w("false")], [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        OperatorCase("person/retired", "ne", [w("true")], [1, 2, 4, 5, 6, 7, 9, 10, 11]),
        OperatorCase("person/retired", "unequals", [w("false")], [3, 8, 12]),
        OperatorCase("person/retired", "!=", [w("0")], [3, 8, 12]),
        OperatorCase("contact/stop", "set", [], [1, 4, 5]),
        OperatorCase("contact/stop", "eq", [w("false")], [2, 3, 6, 7, 8, 9, 10, 11, 12]),
        OperatorCase("person/hasCompany", "set", [], [2, 3, 4, 5, 11, 12]),
        OperatorCase("person/hasCompany", "set", [w("false")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("person/hasInterests", "set", [w("true")], [2, 11]),
        OperatorCase("person/hasInterests", "ne", [w("true")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 12]),
        OperatorCase("associate/isActive", "set", [w("false")], [7, 9, 10]),
        OperatorCase("associate/isActive", "eq", [w("true")], [1, 2, 3, 4, 5, 6, 8, 11, 12]),
        OperatorCase("associate/isActiveText", "set", [w("false")], [7, 9, 10]),
        OperatorCase("associate/isActiveText", "eq", [w("true")], [1, 2, 3, 4, 5, 6, 8, 11, 12]),
    ]

    @Test(arguments: NumberAndBoolOperatorTests.boolCases) func boolOperator(_ c: OperatorCase) { c.run() }
}

// MARK: - Dates

@Suite("Operator semantics: dates and datetimes")
struct DateOperatorTests {
    // whenRequested / date, Oslo days: 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20,
    // 5 2019-10-01, 6 2019-10-07, 7 2019-10-14, 8 2019-10-15, 9 2019-10-16, 10 2019-10-27,
    // 11 2019-11-05, 12 2020-01-15. Today is Tue 2019-10-15.
    static let dayCases: [OperatorCase] = [
        OperatorCase("whenRequested", "date", [q("2019-10-14")], [7]),
        OperatorCase("whenRequested", "on", [q("2019-10-01")], [5]),
        OperatorCase("whenRequested", "date", [q("2019-10-13")], []),
        OperatorCase("whenRequested", "date", [q("2019-01-01")], [2]),
        OperatorCase("whenRequested", "date", [q("2018-12-31")], []),
        OperatorCase("whenRequested", "date", [q("2019-10-27")], [10]),
        OperatorCase("whenRequested", "before", [q("2019-10-07")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "after", [q("2019-10-15")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "dateBetween", [q("2019-10-01"), q("2019-10-14")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-01"), q("2019-10-14")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-14"), q("2019-10-01")], [5, 6, 7]),
        OperatorCase("whenRequested", "from", [q("2019-10-16")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "afterOrEqual", [q("2019-10-16")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "to", [q("2019-10-01")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "beforeOrEqual", [q("2019-10-01")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15")], [8]),
        OperatorCase("whenRequested", "=", [q("2019-10-16")], [9]),
        OperatorCase("whenRequested", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "gt", [q("2019-10-15")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "lt", [q("2019-10-07")], [1, 2, 3, 4, 5]),
        OperatorCase("whenRequested", "ge", [q("2019-10-15")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "le", [q("2019-10-14")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "isNull", [], []),
        OperatorCase("whenRequested", "isNotNull", [], all),

        // Exact seconds with a datetime literal (read in Oslo time) on a datetime column.
        OperatorCase("whenRequested", "afterTime", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "afterTime", [q("2019-10-14T00:30:00")], [7, 8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "beforeTime", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-15T11:00:00")], [8]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-14T00:30:00")], [7]),
        OperatorCase("whenRequested", "dateTime", [q("2019-10-27T23:30:00")], [10]),
        OperatorCase("whenRequested", "dateTime", [q("2019-01-01 00:30:00")], [2]),
        OperatorCase("whenRequested", "gt", [q("2019-10-15T11:00:00")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "ge", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "lt", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "le", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7, 8]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15T11:00:00")], [8]),
        OperatorCase("whenRequested", "eq", [q("2019-10-15T11:00:01")], []),
        OperatorCase("whenRequested", "ne", [q("2019-10-15T11:00:00")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "between", [q("2019-10-01T00:30:00"), q("2019-10-14T00:30:00")], [5, 6, 7]),
        OperatorCase("whenRequested", "between", [q("2019-10-01T00:30:01"), q("2019-10-14T00:29:59")], [6]),
        OperatorCase("whenRequested", "between", [q("2019-10-14T00:29:59"), q("2019-10-01T00:30:01")], [6]),
        OperatorCase("whenRequested", "beforeTime", [q("2019-10-14")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenRequested", "afterTime", [q("2019-10-14")], [7, 8, 9, 10, 11, 12]),
        // On a date column, the datetime operators compare its stored moment (the reference's
        // own examples write them so): `date` is whenRequested's, in the request's zone.
        OperatorCase("date", "afterTime", [q("2019-10-15T11:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("date", "beforeTime", [q("2019-10-14T00:30:00")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("registeredDate", "dateTime", [q("2019-10-15T11:00:00")], []),
        // The day operators compare whole days, even when the literal has a time of day.
        OperatorCase("whenRequested", "date", [q("2019-10-14T12:00:00")], [7]),
        OperatorCase("whenRequested", "before", [q("2019-10-14T23:00:00")], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenRequested", "after", [q("2019-10-15T08:00:00")], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "from", [q("2019-10-15T23:00:00")], [8, 9, 10, 11, 12]),
        OperatorCase("whenRequested", "to", [q("2019-10-14T00:00:00")], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "dateBetween", [q("2019-10-01T12:00:00"), q("2019-10-14T00:00:00")], [5, 6, 7]),

        // whenStarted (Oslo days): 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20, 5 2019-10-01,
        // 6 2019-10-07, 8 2019-10-15 (11:05), 10 2019-10-27, 11 2019-11-05; 7, 9, 12 never started.
        OperatorCase("whenStarted", "isNull", [], [7, 9, 12]),
        OperatorCase("whenStarted", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 10, 11]),
        OperatorCase("whenStarted", "eq", [q("2019-10-15")], [8]),
        OperatorCase("whenStarted", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        OperatorCase("whenStarted", "beforeToday", [], [1, 2, 3, 4, 5, 6]),
        OperatorCase("whenStarted", "thisYear", [], [2, 3, 4, 5, 6, 8, 10, 11]),
        OperatorCase("whenStarted", "afterTime", [q("2019-10-15T11:05:00")], [8, 10, 11]),
        // whenEnded (Oslo days): 1 2017-03-01, 2 2019-01-01, 3 2019-07-01, 4 2019-09-20, 5 2019-10-01,
        // 6 2019-10-07, 10 2019-10-27, 11 2019-11-05; 7, 8, 9, 12 not ended.
        OperatorCase("whenEnded", "isNull", [], [7, 8, 9, 12]),
        OperatorCase("whenEnded", "thisMonth", [], [5, 6, 10]),
        OperatorCase("whenEnded", "before", [q("2019-07-01")], [1, 2]),

        // date (a date column on when_requested, Oslo days)
        OperatorCase("date", "date", [q("2019-10-14")], [7]),
        OperatorCase("date", "today", [], [8]),
        OperatorCase("date", "thisWeek", [], [7, 8, 9]),
        OperatorCase("date", "lastWeek", [], [6]),
        OperatorCase("date", "before", [q("2019-01-01")], [1]),
        OperatorCase("date", "after", [q("2019-11-05")], [12]),
        OperatorCase("date", "dateBetween", [q("2019-07-01"), q("2019-09-20")], [3, 4]),
        OperatorCase("date", "between", [q("2019-10-14"), q("2019-10-16")], [7, 8, 9]),
        OperatorCase("date", "from", [q("2020-01-15")], [12]),
        OperatorCase("date", "to", [q("2017-03-01")], [1]),
        OperatorCase("date", "eq", [q("2019-10-16")], [9]),
        OperatorCase("date", "ne", [q("2019-10-14")], [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]),
        OperatorCase("date", "gt", [q("2019-10-15T01:00:00")], [9, 10, 11, 12]),
        OperatorCase("date", "lt", [q("2019-10-07T23:00:00")], [1, 2, 3, 4, 5]),
        OperatorCase("date", "ge", [q("2019-10-27")], [10, 11, 12]),
        OperatorCase("date", "le", [q("2019-01-01")], [1, 2]),
        OperatorCase("date", "eq", [q("2019-10-14T23:59:00")], [7]),
        OperatorCase("date", "previous", [w("1"), w("year")], []),
        OperatorCase("date", "thisAndNext", [w("2"), w("weeks")], [7, 8, 9, 10]),
        OperatorCase("date", "isNotNull", [], all),

        // registeredDate (when_requested, kept in UTC). UTC days: 1 2017-03-01, 2 2018-12-31,
        // 3 2019-06-30, 4 2019-09-20, 5 2019-09-30, 6 2019-10-07, 7 2019-10-13, 8 and 9 2019-10-15,
        // 10 2019-10-27, 11 2019-11-05, 12 2020-01-15.
        OperatorCase("registeredDate", "date", [q("2019-10-13")], [7]),
        OperatorCase("registeredDate", "date", [q("2019-10-14")], []),
        OperatorCase("registeredDate", "date", [q("2019-10-15")], [8, 9]),
        OperatorCase("registeredDate", "date", [q("2019-06-30")], [3]),
        OperatorCase("registeredDate", "today", [], [8, 9]),
        OperatorCase("registeredDate", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("registeredDate", "afterToday", [], [10, 11, 12]),
        OperatorCase("registeredDate", "thisWeek", [], [8, 9]),
        OperatorCase("registeredDate", "lastWeek", [], [6, 7]),
        OperatorCase("registeredDate", "thisMonth", [], [6, 7, 8, 9, 10]),
        OperatorCase("registeredDate", "lastMonth", [], [4, 5]),
        OperatorCase("registeredDate", "lastQuarter", [], [4, 5]),
        OperatorCase("registeredDate", "thisHalf", [], [4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("registeredDate", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("registeredDate", "previous", [w("1"), w("year")], [2]),
        // updatedDate (UTC): 2 2018-12-31 23:45, 5 2019-09-30 23:00, 8 2019-10-15 09:10
        OperatorCase("updatedDate", "date", [q("2018-12-31")], [2]),
        OperatorCase("updatedDate", "date", [q("2019-09-30")], [5]),
        OperatorCase("updatedDate", "lastMonth", [], [5]),
        OperatorCase("updatedDate", "thisMonth", [], [8]),
        OperatorCase("updatedDate", "thisYear", [], [5, 8]),
        OperatorCase("updatedDate", "isNull", [], [1, 3, 4, 6, 7, 9, 10, 11, 12]),
        OperatorCase("updatedDate", "ne", [q("2019-10-15")], [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12]),
        // contact/registeredDate (UTC): Nordlys 2019-10-14 23:30 (chats 2,3,9,11,12), Ærlig 2012 (1,4,5)
        OperatorCase("contact/registeredDate", "date", [q("2019-10-14")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/registeredDate", "date", [q("2019-10-15")], []),
        OperatorCase("contact/registeredDate", "before", [q("2019-01-01")], [1, 4, 5]),
        OperatorCase("contact/registeredDate", "isNull", [], [6, 7, 8, 10]),
        OperatorCase("contact/registeredDate", "ne", [q("2019-10-14")], [1, 4, 5, 6, 7, 8, 10]),
    ]

    @Test(arguments: DateOperatorTests.dayCases) func dayOperator(_ c: OperatorCase) { c.run() }

    // Relative periods from Tue 2019-10-15 (Oslo): this week 14.10–20.10, last week 07.10–13.10,
    // next week 21.10–27.10, Q4 = Oct–Dec, H2 = Jul–Dec.
    static let relativeCases: [OperatorCase] = [
        OperatorCase("whenRequested", "today", [], [8]),
        OperatorCase("whenRequested", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7]),
        OperatorCase("whenRequested", "afterToday", [], [9, 10, 11, 12]),
        OperatorCase("whenRequested", "thisWeek", [], [7, 8, 9]),
        OperatorCase("whenRequested", "lastWeek", [], [6]),
        OperatorCase("whenRequested", "nextWeek", [], [10]),
        OperatorCase("whenRequested", "thisMonth", [], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "lastMonth", [], [4]),
        OperatorCase("whenRequested", "nextMonth", [], [11]),
        OperatorCase("whenRequested", "thisQuarter", [], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "lastQuarter", [], [3, 4]),
        OperatorCase("whenRequested", "nextQuarter", [], [12]),
        OperatorCase("whenRequested", "thisHalf", [], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisYear", [], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("day")], [8]),
        OperatorCase("whenRequested", "this", [w("week")], [7, 8, 9]),
        OperatorCase("whenRequested", "this", [w("weeks")], [7, 8, 9]),
        OperatorCase("whenRequested", "thisPeriod", [w("month")], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "this", [w("quarter")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("halfyear")], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisPeriod", [w("year")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "next", [w("1"), w("month")], [11]),
        OperatorCase("whenRequested", "next", [w("2"), w("weeks")], [10]),
        OperatorCase("whenRequested", "nextPeriod", [w("1"), w("quarter")], [12]),
        OperatorCase("whenRequested", "next", [w("1"), w("day")], [9]),
        OperatorCase("whenRequested", "next", [w("3"), w("days")], [9]),
        OperatorCase("whenRequested", "next", [w("1"), w("year")], [12]),
        OperatorCase("whenRequested", "next", [w("1"), w("halfyear")], [12]),
        OperatorCase("whenRequested", "previous", [w("2"), w("weeks")], [5, 6]),
        OperatorCase("whenRequested", "previousPeriod", [w("1"), w("month")], [4]),
        OperatorCase("whenRequested", "previous", [w("1"), w("day")], [7]),
        OperatorCase("whenRequested", "previous", [w("1"), w("quarter")], [3, 4]),
        OperatorCase("whenRequested", "previous", [w("1"), w("halfyear")], [2]),
        OperatorCase("whenRequested", "previous", [w("1"), w("year")], []),
        OperatorCase("whenRequested", "previous", [w("3"), w("years")], [1]),
        OperatorCase("whenRequested", "thisAndNext", [w("2"), w("weeks")], [7, 8, 9, 10]),
        OperatorCase("whenRequested", "thisAndNext", [w("1"), w("month")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("week")], [6, 7, 8, 9]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("quarter")], [3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisAndPrevious", [w("2"), w("years")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("week")], [6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("day")], [7, 8, 9]),
        OperatorCase("whenRequested", "thisPreviousAndNext", [w("month")], [4, 5, 6, 7, 8, 9, 10, 11]),
        // Plural units.
        OperatorCase("whenRequested", "this", [w("days")], [8]),
        OperatorCase("whenRequested", "this", [w("months")], [5, 6, 7, 8, 9, 10]),
        OperatorCase("whenRequested", "this", [w("quarters")], [5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "this", [w("years")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("whenRequested", "previous", [w("2"), w("halfyears")], [2]),
        OperatorCase("whenRequested", "previous", [w("2"), w("months")], [4]),
        OperatorCase("whenRequested", "next", [w("2"), w("quarters")], [12]),
        OperatorCase("whenRequested", "thisAndNext", [w("1"), w("years")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ]

    @Test(arguments: DateOperatorTests.relativeCases) func relativePeriodOperator(_ c: OperatorCase) { c.run() }

    struct ZoneCase: Sendable, CustomTestStringConvertible {
        let zone: String
        let condition: OperatorCase
        var testDescription: String { "\(zone): \(condition.testDescription)" }
    }

    // The same data read in other zones: UTC, and New York (UTC-4 until 2019-11-03, where "now"
    // is 08:00 on 2019-10-15). New York days: 1 2017-03-01, 2 2018-12-31, 3 2019-06-30,
    // 5 2019-09-30, 7 2019-10-13, 8 and 9 2019-10-15, 10 2019-10-27.
    static let zoneCases: [ZoneCase] = [
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "date", [q("2019-10-14")], [])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "today", [], [8, 9])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "afterToday", [], [10, 11, 12])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        ZoneCase(zone: "UTC", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [2])),
        ZoneCase(zone: "UTC", condition: OperatorCase("date", "date", [q("2019-09-30")], [5])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2019-10-15")], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "today", [], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "date", [q("2018-12-31")], [2])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "thisYear", [], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("whenRequested", "dateTime", [q("2019-10-15T18:15:00")], [9])),
        // registeredDate stays UTC whatever the request's zone.
        ZoneCase(zone: "America/New_York", condition: OperatorCase("registeredDate", "date", [q("2019-10-13")], [7])),
        ZoneCase(zone: "America/New_York", condition: OperatorCase("registeredDate", "date", [q("2019-06-30")], [3])),
    ]

    @Test(arguments: DateOperatorTests.zoneCases) func timeZone(_ c: ZoneCase) { c.condition.run(context: OperatorFixture.context(zone: c.zone)) }

    struct NowCase: Sendable, CustomTestStringConvertible {
        let label: String
        let now: Int64
        let zone: String
        let condition: OperatorCase
        var testDescription: String { "now \(label) in \(zone): \(condition.testDescription)" }
    }

    /// Sun 2019-10-20 12:00 UTC (14:00 in Oslo).
    static let sunday: Int64 = 1_571_572_800
    /// Sun 2019-10-20 22:30 UTC: Mon 2019-10-21 00:30 in Oslo.
    static let mondayInOslo: Int64 = 1_571_610_600
    /// Mon 2020-01-20 12:00 UTC.
    static let january: Int64 = 1_579_521_600
    /// Mon 2018-12-31 23:45 UTC: Tue 2019-01-01 00:45 in Oslo.
    static let newYearInOslo: Int64 = 1_546_299_900

    // Relative periods from other moments: a Sunday (weeks start on Monday), a Monday that has
    // begun in Oslo but not in UTC, January (last month/quarter/half in the previous year), and
    // New Year's night.
    static let nowCases: [NowCase] = [
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "today", [], [])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [6])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "nextWeek", [], [10])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "this", [w("week")], [7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "beforeToday", [], [1, 2, 3, 4, 5, 6, 7, 8, 9])),
        NowCase(label: "Sun 2019-10-20", now: sunday, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "afterToday", [], [10, 11, 12])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [10])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [7, 8, 9])),
        NowCase(label: "Mon 2019-10-21 00:30 Oslo", now: mondayInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("day")], [])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "thisWeek", [], [8, 9])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "lastWeek", [], [6, 7])),
        NowCase(label: "Sun 2019-10-20 22:30 UTC", now: mondayInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "nextWeek", [], [10])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastMonth", [], [])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisMonth", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastQuarter", [], [5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisQuarter", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisHalf", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisYear", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastWeek", [], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("halfyear")], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("3"), w("months")], [5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisAndPrevious", [w("1"), w("month")], [12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisPreviousAndNext", [w("quarter")], [5, 6, 7, 8, 9, 10, 11, 12])),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "beforeToday", [], all)),
        NowCase(label: "Mon 2020-01-20", now: january, zone: "Europe/Oslo", condition: OperatorCase("registeredDate", "lastQuarter", [], [6, 7, 8, 9, 10, 11])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "today", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisYear", [], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("1"), w("year")], [])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "previous", [w("2"), w("years")], [1])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisQuarter", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "lastMonth", [], [])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "thisWeek", [], [2])),
        NowCase(label: "2019-01-01 00:45 Oslo", now: newYearInOslo, zone: "Europe/Oslo", condition: OperatorCase("whenRequested", "afterToday", [], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "today", [], [2])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "thisYear", [], [2])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "nextMonth", [], [])),
        NowCase(label: "2018-12-31 23:45 UTC", now: newYearInOslo, zone: "UTC", condition: OperatorCase("whenRequested", "next", [w("1"), w("year")], [3, 4, 5, 6, 7, 8, 9, 10, 11])),
    ]

    @Test(arguments: DateOperatorTests.nowCases) func relativeToAnotherNow(_ c: NowCase) {
        c.condition.run(context: OperatorFixture.context(zone: c.zone, now: c.now))
    }
}

// MARK: - Lists and associates

@Suite("Operator semantics: lists, user groups and associates")
struct ListOperatorTests {
    // status/type: 3 → 1,2,3,4,5,6,11; 11 → 7; 2 → 8; 1 → 9; 8 → 10; 5 → 12
    static let listCases: [OperatorCase] = [
        OperatorCase("status", "oneOf", [w("1"), w("2")], [8, 9]),
        OperatorCase("status", "in", [w("11")], [7]),
        OperatorCase("status", "eq", [w("11")], [7]),
        OperatorCase("status", "=", [w("8")], [10]),
        OperatorCase("status", "ne", [w("3")], [7, 8, 9, 10, 12]),
        OperatorCase("status", "!=", [w("3")], [7, 8, 9, 10, 12]),
        OperatorCase("status", "notOneOf", [w("3"), w("5")], [7, 8, 9, 10]),
        OperatorCase("status", "is", [w("8")], [10]),
        OperatorCase("status", "isNot", [w("5")], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("status", "isNull", [], []),
        OperatorCase("status", "isNotNull", [], all),
        OperatorCase("type", "eq", [w("3")], [1, 2, 3, 4, 5, 6, 11]),
        OperatorCase("type", "notOneOf", [w("3")], [7, 8, 9, 10, 12]),
        // contactId: 2 → 2,3,9,11,12; 3 → 1,4,5; none 6,7,8,10
        OperatorCase("contactId", "oneOf", [w("3")], [1, 4, 5]),
        OperatorCase("contactId", "eq", [w("2")], [2, 3, 9, 11, 12]),
        OperatorCase("contactId", "ne", [w("2")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contactId", "notOneOf", [w("2"), w("3")], [6, 7, 8, 10]),
        OperatorCase("contactId", "isNull", [], [6, 7, 8, 10]),
        // personId: 1 → 2,11; 2 → 3,12; 3 → 4,5; 4 → 6; 5 → 8; 6 → 10; none 1,7,9
        OperatorCase("personId", "in", [w("1"), w("4")], [2, 6, 11]),
        OperatorCase("personId", "ne", [w("2")], [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("personId", "notOneOf", [w("1"), w("2"), w("3")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("personId", "isNull", [], [1, 7, 9]),
        // person/personCountry: Norway 1 → 2,3,11,12; Sweden 2 → 4,5; Germany 3 → 8; none 6,10; no person 1,7,9
        OperatorCase("person/personCountry", "oneOf", [w("1")], [2, 3, 11, 12]),
        OperatorCase("person/personCountry", "in", [w("2"), w("3")], [4, 5, 8]),
        OperatorCase("person/personCountry", "eq", [w("3")], [8]),
        OperatorCase("person/personCountry", "ne", [w("1")], [1, 4, 5, 6, 7, 8, 9, 10]),
        OperatorCase("person/personCountry", "notOneOf", [w("1"), w("2")], [1, 6, 7, 8, 9, 10]),
        OperatorCase("person/personCountry", "isNull", [], [1, 6, 7, 9, 10]),
        OperatorCase("person/personCountry", "isNotNull", [], [2, 3, 4, 5, 8, 11, 12]),
        // contact/category: Nordlys 1 → 2,3,9,11,12; Ærlig none → 1,4,5; no company 6,7,8,10
        OperatorCase("contact/category", "eq", [w("1")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/category", "ne", [w("1")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/category", "isNull", [], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/category", "notOneOf", [w("2")], all),
    ]

    @Test(arguments: ListOperatorTests.listCases) func listOperator(_ c: OperatorCase) { c.run() }

    // associate/usergroup: 3 → 2,12; 2 → 3,5,6,8; 1 → 1,4,11; none 10 (BOT); no agent 7,9.
    // associate/otherGroups: TJE {1,4} → 3,5,6,8; SVE {2} → 1,4,11; ADM, BOT {} → 2,10,12; no agent 7,9.
    static let userGroupCases: [OperatorCase] = [
        OperatorCase("associate/usergroup", "oneOf", [w("1"), w("3")], [1, 2, 4, 11, 12]),
        OperatorCase("associate/usergroup", "in", [w("2")], [3, 5, 6, 8]),
        OperatorCase("associate/usergroup", "eq", [w("1")], [1, 4, 11]),
        OperatorCase("associate/usergroup", "ne", [w("2")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associate/usergroup", "notOneOf", [w("1"), w("2")], [2, 7, 9, 10, 12]),
        OperatorCase("associate/usergroup", "is", [w("3")], [2, 12]),
        OperatorCase("associate/usergroup", "isNot", [w("3")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associate/usergroup", "isNull", [], [7, 9, 10]),
        OperatorCase("associate/usergroup", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 11, 12]),
        OperatorCase("associate/otherGroups", "oneOf", [w("1")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "in", [w("2"), w("4")], [1, 3, 4, 5, 6, 8, 11]),
        OperatorCase("associate/otherGroups", "in", [w("3"), w("4")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "oneOf", [w("3")], []),
        OperatorCase("associate/otherGroups", "eq", [w("2")], [1, 4, 11]),
        OperatorCase("associate/otherGroups", "is", [w("4")], [3, 5, 6, 8]),
        OperatorCase("associate/otherGroups", "ne", [w("1")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associate/otherGroups", "notOneOf", [w("1"), w("2")], [2, 7, 9, 10, 12]),
        OperatorCase("associate/otherGroups", "isNull", [], [2, 7, 9, 10, 12]),
        OperatorCase("associate/otherGroups", "isNotNull", [], [1, 3, 4, 5, 6, 8, 11]),
    ]

    @Test(arguments: ListOperatorTests.userGroupCases) func userGroupOperator(_ c: OperatorCase) { c.run() }

    // associateId / associate/assocName: ADM 1 → 2,12; TJE 2 → 3,5,6,8; SVE 3 → 1,4,11; BOT 4 → 10; none 7,9.
    // contact/associateId: Nordlys → SVE 3 (2,3,9,11,12); Ærlig → TJE 2 (1,4,5); no company 6,7,8,10.
    // The request's associate is 2 (TJE).
    static let associateCases: [OperatorCase] = [
        OperatorCase("associateId", "associateIsOneOf", [w("1"), w("4")], [2, 10, 12]),
        OperatorCase("associateId", "associateIsOneOf", [w("2")], [3, 5, 6, 8]),
        OperatorCase("associateId", "associateIsNotOneOf", [w("2"), w("3")], [2, 7, 9, 10, 12]),
        OperatorCase("associateId", "associateIsNotOneOf", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associateId", "currentAssociate", [], [3, 5, 6, 8]),
        OperatorCase("associateId", "oneOf", [w("3")], [1, 4, 11]),
        OperatorCase("associateId", "in", [w("1")], [2, 12]),
        OperatorCase("associateId", "eq", [w("4")], [10]),
        OperatorCase("associateId", "ne", [w("2")], [1, 2, 4, 7, 9, 10, 11, 12]),
        OperatorCase("associateId", "notOneOf", [w("1"), w("2"), w("3")], [7, 9, 10]),
        OperatorCase("associateId", "is", [w("1")], [2, 12]),
        OperatorCase("associateId", "isNot", [w("1")], [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        OperatorCase("associateId", "isNull", [], [7, 9]),
        OperatorCase("associateId", "isNotNull", [], [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]),
        OperatorCase("associate/assocName", "currentAssociate", [], [3, 5, 6, 8]),
        OperatorCase("associate/assocName", "associateIsOneOf", [w("3")], [1, 4, 11]),
        OperatorCase("contact/associateId", "associateIsOneOf", [w("3")], [2, 3, 9, 11, 12]),
        OperatorCase("contact/associateId", "associateIsNotOneOf", [w("3")], [1, 4, 5, 6, 7, 8, 10]),
        OperatorCase("contact/associateId", "currentAssociate", [], [1, 4, 5]),
        OperatorCase("contact/associateId", "isNull", [], [6, 7, 8, 10]),
    ]

    @Test(arguments: ListOperatorTests.associateCases) func associateOperator(_ c: OperatorCase) { c.run() }

    @Test func currentAssociateIsTheRequestsAssociate() throws {
        try OperatorFixture.check(
            .condition(Condition("associateId", "currentAssociate")), [1, 4, 11], context: OperatorFixture.context(associate: 3))
        try OperatorFixture.check(
            .condition(Condition("associateId", "currentAssociate")), [2, 12], context: OperatorFixture.context(associate: 1))
    }
}

// MARK: - Pseudo columns, combinations and orders

@Suite("Operator semantics: pseudo columns and combinations")
struct CombinedRestrictionTests {
    struct TreeCase: Sendable, CustomTestStringConvertible {
        let name: String
        let restriction: Restriction
        let expected: [Int64]
        var orderBy: [OrderItem] = [OrderItem("chatSessionId")]
        var knownIssue: String? = nil
        var testDescription: String { name }

        func run() {
            let body = { try OperatorFixture.check(restriction, expected, orderBy: orderBy) }
            if let knownIssue {
                withKnownIssue(Comment(rawValue: knownIssue)) { try body() }
            } else {
                do { try body() } catch { Issue.record(error, "\(name)") }
            }
        }
    }

    static func c(_ column: String, _ op: String, _ values: [RestrictionValue] = []) -> Restriction {
        .condition(Condition(column, op, values))
    }

    static let pseudoCases: [OperatorCase] = [
        OperatorCase("getAllRows", "eq", [w("true")], all),
        OperatorCase("getAllRows", "=", [w("true")], all),
        OperatorCase("getAllRows", "set", [], all),
        OperatorCase("getAllRows", "set", [w("1")], all),
        OperatorCase("getNoRows", "eq", [w("true")], []),
        OperatorCase("getNoRows", "=", [w("1")], []),
        OperatorCase("getNoRows", "set", [], []),
    ]

    @Test(arguments: CombinedRestrictionTests.pseudoCases) func pseudoColumn(_ c: OperatorCase) { c.run() }

    static let treeCases: [TreeCase] = [
        TreeCase(name: "getNoRows AND rating > 0", restriction: .and([c("getNoRows", "eq", [w("true")]), c("rating", "gt", [w("0")])]), expected: []),
        TreeCase(name: "getAllRows AND rating = 5", restriction: .and([c("getAllRows", "eq", [w("true")]), c("rating", "eq", [w("5")])]), expected: [2, 11]),
        TreeCase(name: "getNoRows OR rating = 5", restriction: .or([c("getNoRows", "eq", [w("true")]), c("rating", "eq", [w("5")])]), expected: [2, 11]),
        TreeCase(
            name: "rating = 5 OR lastName begins L",
            restriction: .or([c("rating", "eq", [w("5")]), c("person/lastName", "begins", [q("L")])]), expected: [2, 4, 5, 11]),
        TreeCase(
            name: "lastName = Berg OR company name isNull",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "isNull")]), expected: [3, 6, 7, 8, 10, 12]),
        TreeCase(
            name: "not retired AND status 3",
            restriction: .and([c("person/retired", "set", [w("false")]), c("status", "eq", [w("3")])]), expected: [1, 2, 4, 5, 6, 11]),
        TreeCase(
            name: "other group Sales AND rating >= 3",
            restriction: .and([c("associate/otherGroups", "oneOf", [w("1")]), c("rating", "ge", [w("3")])]), expected: [3, 5]),
        TreeCase(
            name: "(topic Økonomi AND this week) OR first name märta",
            restriction: .or([
                .and([c("chatTopic/name", "is", [q("Økonomi")]), c("whenRequested", "thisWeek")]),
                c("person/firstName", "is", [q("märta")]),
            ]),
            expected: [7, 8]),
        TreeCase(
            name: "lastName notOneOf (østby, lindqvist) AND firstMessage notContains o",
            restriction: .and([c("person/lastName", "notOneOf", [q("østby"), q("lindqvist")]), c("firstMessage", "notContains", [q("o")])]),
            // notOneOf → 1,3,6,7,8,9,10,12; first messages without 'o': 1 'Åpningstider?', 9 NULL
            expected: [1, 9]),
    ]

    @Test(arguments: CombinedRestrictionTests.treeCases) func combination(_ c: TreeCase) { c.run() }

    // The same restrictions ordered by a column of a related row: the set of rows must not change
    // (the empty-value rules hold whatever the order).
    static let orderedCases: [TreeCase] = [
        TreeCase(name: "lastName isNull by lastName", restriction: c("person/lastName", "isNull"), expected: [1, 7, 9], orderBy: [OrderItem("person/lastName")]),
        TreeCase(name: "lastName is '' by lastName", restriction: c("person/lastName", "is", [q("")]), expected: [1, 7, 9], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg by lastName", restriction: c("person/lastName", "ne", [q("Berg")]),
            expected: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg by lastName desc", restriction: c("person/lastName", "ne", [q("Berg")]),
            expected: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "lastName begins b by lastName desc", restriction: c("person/lastName", "begins", [q("b")]),
            expected: [3, 12], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "firstName oneOf ('', Kari) by firstName", restriction: c("person/firstName", "oneOf", [q(""), q("Kari")]),
            expected: [2, 11], orderBy: [OrderItem("person/firstName")]),
        TreeCase(
            name: "firstName is '' by firstName", restriction: c("person/firstName", "is", [q("")]),
            expected: [1, 7, 9, 10], orderBy: [OrderItem("person/firstName")]),
        TreeCase(
            name: "not retired by lastName", restriction: c("person/retired", "set", [w("false")]),
            expected: [1, 2, 4, 5, 6, 7, 9, 10, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "company notBegins nord by company name", restriction: c("contact/name", "notBegins", [q("nord")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "otherGroups notOneOf (1, 2) by agent name", restriction: c("associate/otherGroups", "notOneOf", [w("1"), w("2")]),
            expected: [2, 7, 9, 10, 12], orderBy: [OrderItem("associate/fullName")]),
        TreeCase(
            name: "country ne Norway by lastName", restriction: c("person/personCountry", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 9, 10], orderBy: [OrderItem("person/lastName")]),
        TreeCase(name: "rating isNull by rating", restriction: c("rating", "isNull"), expected: [7, 8, 9, 12], orderBy: [OrderItem("rating")]),
        TreeCase(
            name: "company category isNull by category", restriction: c("contact/category", "isNull"),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/category")]),
        TreeCase(
            name: "company category eq 1 by category desc", restriction: c("contact/category", "eq", [w("1")]),
            expected: [2, 3, 9, 11, 12], orderBy: [OrderItem("contact/category", .descending)]),
        TreeCase(
            name: "company category ne 1 by company name", restriction: c("contact/category", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "firstName john AND company isNull by company name",
            restriction: .and([c("person/firstName", "is", [q("john")]), c("contact/name", "isNull")]),
            expected: [6], orderBy: [OrderItem("contact/name")]),
        TreeCase(
            name: "user group ne 2 by user group", restriction: c("associate/usergroup", "ne", [w("2")]),
            expected: [1, 2, 4, 7, 9, 10, 11, 12], orderBy: [OrderItem("associate/usergroup")]),
        TreeCase(
            name: "country isNull by country", restriction: c("person/personCountry", "isNull"),
            expected: [1, 6, 7, 9, 10], orderBy: [OrderItem("person/personCountry")]),
        TreeCase(name: "whenStarted isNull by whenStarted", restriction: c("whenStarted", "isNull"), expected: [7, 9, 12], orderBy: [OrderItem("whenStarted")]),
        TreeCase(
            name: "retired OR company stop by lastName",
            restriction: .or([c("person/retired", "set"), c("contact/stop", "set")]),
            expected: [1, 3, 4, 5, 8, 12], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "company category ne 1 by category desc", restriction: c("contact/category", "ne", [w("1")]),
            expected: [1, 4, 5, 6, 7, 8, 10], orderBy: [OrderItem("contact/category", .descending)]),
        TreeCase(
            name: "country isNull by country desc", restriction: c("person/personCountry", "isNull"),
            expected: [1, 6, 7, 9, 10], orderBy: [OrderItem("person/personCountry", .descending)]),
        TreeCase(
            name: "whenStarted isNull by whenStarted desc", restriction: c("whenStarted", "isNull"),
            expected: [7, 9, 12], orderBy: [OrderItem("whenStarted", .descending)]),
        TreeCase(
            name: "otherGroups notOneOf (1, 2) by agent name desc", restriction: c("associate/otherGroups", "notOneOf", [w("1"), w("2")]),
            expected: [2, 7, 9, 10, 12], orderBy: [OrderItem("associate/fullName", .descending)]),
        TreeCase(
            name: "retired OR company stop by lastName desc",
            restriction: .or([c("person/retired", "set"), c("contact/stop", "set")]),
            expected: [1, 3, 4, 5, 8, 12], orderBy: [OrderItem("person/lastName", .descending)]),
        TreeCase(
            name: "lastName = Berg OR company Ærlig Bygg by lastName",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "is", [q("ærlig bygg")])]),
            expected: [1, 3, 4, 5, 12], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "lastName ne Berg AND company begins n by lastName",
            restriction: .and([c("person/lastName", "ne", [q("Berg")]), c("contact/name", "begins", [q("n")])]),
            expected: [2, 9, 11], orderBy: [OrderItem("person/lastName")]),
        TreeCase(
            name: "fullName notContains a by fullName", restriction: c("person/fullName", "notContains", [q("a")]),
            expected: [1, 4, 5, 6, 7, 9, 10], orderBy: [OrderItem("person/fullName")]),
        TreeCase(
            name: "fullName isPK 1 by fullName desc", restriction: c("person/fullName", "isPK", [w("1")]),
            expected: [2, 11], orderBy: [OrderItem("person/fullName", .descending)]),
        TreeCase(
            name: "lastName = Berg OR company isNull by lastName",
            restriction: .or([c("person/lastName", "eq", [q("Berg")]), c("contact/name", "isNull")]),
            expected: [3, 6, 7, 8, 10, 12], orderBy: [OrderItem("person/lastName")]),
    ]

    @Test(arguments: CombinedRestrictionTests.orderedCases) func orderedByARelatedColumn(_ c: TreeCase) { c.run() }
}

// MARK: - Errors

@Suite("Operator semantics: errors")
struct RestrictionErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let column: String
        let op: String
        let values: [RestrictionValue]
        let kind: ArchiveError.Kind
        var suggestion: String? = nil

        init(_ column: String, _ op: String, _ values: [RestrictionValue], _ kind: ArchiveError.Kind, suggestion: String? = nil) {
            self.column = column
            self.op = op
            self.values = values
            self.kind = kind
            self.suggestion = suggestion
        }

        var testDescription: String { "\(column) \(op) (\(values.map(\.description).joined(separator: ", "))) → \(kind)" }
    }

    static let cases: [ErrorCase] = [
        // Operators the type does not allow.
        ErrorCase("rating", "contains", [q("3")], .operatorNotAllowed),
        ErrorCase("rating", "begins", [q("3")], .operatorNotAllowed),
        ErrorCase("rating", "today", [], .operatorNotAllowed),
        ErrorCase("text", "notContains", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notBegins", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notEnds", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "isNot", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "ne", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "unequals", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "notOneOf", [q("x")], .operatorNotAllowed),
        ErrorCase("text", "between", [q("a"), q("b")], .operatorNotAllowed),
        ErrorCase("text", "isPK", [w("1")], .operatorNotAllowed),
        ErrorCase("person/lastName", "isPK", [w("1")], .operatorNotAllowed),
        ErrorCase("person/lastName", "gt", [q("A")], .operatorNotAllowed),
        ErrorCase("person/retired", "contains", [q("x")], .operatorNotAllowed),
        ErrorCase("person/retired", "gt", [w("0")], .operatorNotAllowed),
        ErrorCase("whenRequested", "contains", [q("2019")], .operatorNotAllowed),
        ErrorCase("status", "contains", [q("x")], .operatorNotAllowed),
        ErrorCase("status", "gt", [w("1")], .operatorNotAllowed),
        ErrorCase("status", "associateIsOneOf", [w("1")], .operatorNotAllowed),
        ErrorCase("associate/otherGroups", "currentAssociate", [], .operatorNotAllowed),
        ErrorCase("getAllRows", "contains", [q("x")], .operatorNotAllowed),
        // Wrong number of values.
        ErrorCase("rating", "between", [w("1")], .wrongValueCount),
        ErrorCase("rating", "eq", [], .wrongValueCount),
        ErrorCase("rating", "eq", [w("1"), w("2")], .wrongValueCount),
        ErrorCase("rating", "isNull", [w("1")], .wrongValueCount),
        ErrorCase("rating", "oneOf", [], .wrongValueCount),
        ErrorCase("person/lastName", "between", [q("A")], .wrongValueCount),
        ErrorCase("person/fullName", "isPK", [], .wrongValueCount),
        ErrorCase("person/retired", "set", [w("true"), w("false")], .wrongValueCount),
        ErrorCase("date", "between", [q("2019-10-01")], .wrongValueCount),
        ErrorCase("whenRequested", "today", [q("2019-10-15")], .wrongValueCount),
        ErrorCase("whenRequested", "next", [w("2")], .wrongValueCount),
        ErrorCase("whenRequested", "previous", [w("2"), w("weeks"), w("3")], .wrongValueCount),
        ErrorCase("whenRequested", "this", [], .wrongValueCount),
        ErrorCase("date", "thisWeek", [w("1")], .wrongValueCount),
        ErrorCase("status", "oneOf", [], .wrongValueCount),
        ErrorCase("associateId", "currentAssociate", [w("2")], .wrongValueCount),
        // Values of the wrong kind.
        ErrorCase("rating", "eq", [q("abc")], .invalidValue),
        ErrorCase("rating", "in", [w("1"), q("x")], .invalidValue),
        ErrorCase("chatSessionId", "eq", [w("1.5")], .invalidValue),
        ErrorCase("timeInQueue", "gt", [q("soon")], .invalidValue),
        ErrorCase("whenRequested", "date", [q("2020-13-01")], .invalidValue),
        ErrorCase("whenRequested", "date", [q("2019-02-29")], .invalidValue),
        ErrorCase("whenRequested", "dateTime", [q("2019-10-15T24:00:00")], .invalidValue),
        ErrorCase("date", "before", [q("yesterday")], .invalidValue),
        ErrorCase("whenRequested", "next", [q("x"), w("weeks")], .invalidValue),
        ErrorCase("whenRequested", "next", [w("2"), w("fortnight")], .invalidValue),
        ErrorCase("whenRequested", "this", [w("eon")], .invalidValue),
        ErrorCase("person/fullName", "isPK", [q("abc")], .invalidValue),
        ErrorCase("person/retired", "set", [q("maybe")], .invalidValue),
        ErrorCase("status", "eq", [q("abc")], .invalidValue),
        ErrorCase("associateId", "associateIsOneOf", [q("TJE")], .invalidValue),
        ErrorCase("associate/otherGroups", "eq", [q("Sales")], .invalidValue),
        // Columns that cannot be restricted.
        ErrorCase("icon", "eq", [q("chat")], .columnNotRestrictable),
        ErrorCase("recordTypeText", "eq", [q("chat")], .columnNotRestrictable),
        ErrorCase("person/portraitThumbnail", "contains", [q("x")], .columnNotRestrictable),
        ErrorCase("person/birthdate", "date", [q("1980-02-29")], .columnNotRestrictable),
        ErrorCase("contact/nameDepartment", "contains", [q("Salg")], .columnNotRestrictable),
        // Unknown operators.
        ErrorCase("rating", "approx", [w("3")], .unknownOperator),
        ErrorCase("person/lastName", "like", [q("B%")], .unknownOperator),
        ErrorCase("whenRequested", "yesterday", [], .unknownOperator),
        // Unknown columns, with the closest names suggested.
        ErrorCase("person/lastNam", "eq", [q("Berg")], .unknownColumn, suggestion: "person/lastName"),
        ErrorCase("ratng", "eq", [w("3")], .unknownColumn, suggestion: "rating"),
        ErrorCase("whenRequestd", "today", [], .unknownColumn, suggestion: "whenRequested"),
        ErrorCase("chatTopic/nam", "is", [q("x")], .unknownColumn, suggestion: "chatTopic/name"),
        ErrorCase("noSuchThing", "eq", [w("1")], .unknownColumn),
    ]

    @Test(arguments: RestrictionErrorTests.cases) func restrictionError(_ c: ErrorCase) throws {
        let connection = try OperatorFixture.connection()
        let restriction = Restriction.condition(Condition(c.column, c.op, c.values))
        let error = try #require(throws: ArchiveError.self) { try OperatorFixture.ids(restriction, connection: connection) }
        #expect(error.kind == c.kind, "\(error)")
        if let suggestion = c.suggestion {
            #expect(error.suggestions.first == suggestion, "suggestions: \(error.suggestions)")
        }
    }
}
