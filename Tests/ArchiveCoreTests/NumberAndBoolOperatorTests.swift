import ArchiveCore
import ArchiveSchema
import ArchiveSQLite
import ArchiveTestSupport
import Foundation
import Testing

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
