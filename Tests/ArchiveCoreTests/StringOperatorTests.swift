import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

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
